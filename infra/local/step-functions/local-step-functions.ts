import { resolve } from 'node:path';
import { localStateMachineArn } from './execution-requests.js';
import { startLocalRunner, type LocalStepFunctionsRunner } from './local-runner.js';
import { startStepFunctionsApi } from './sfn-api-server.js';
import { DEFAULT_DEFINITION_CACHE, synthesizedDefinition } from './synthesized-definition.js';

export interface LocalStepFunctions {
  /** e.g. `http://127.0.0.1:41236`. */
  endpoint: string;
  stateMachineArn: string;
  /** What the handlers need to reach it: AWS_ENDPOINT_URL_SFN and STATE_MACHINE_ARN. */
  environment: { AWS_ENDPOINT_URL_SFN: string; STATE_MACHINE_ARN: string };
  runner: LocalStepFunctionsRunner;
  /** Continues the executions a previous run left RUNNING; call once `environment` is in place. */
  resume(): void;
  stop(): Promise<void>;
}

/**
 * The pipeline for `npm start`: the definition CDK synthesizes (cached, see synthesized-definition.ts)
 * run by the local runner, with executions kept in `<dataDir>/step-functions.json`, behind the Step
 * Functions API on `port` (a free one when absent). No handler module is loaded yet: set `environment`
 * in process.env first (handlers read it at module scope), then call `resume()` for the kept runs.
 */
export const startLocalStepFunctions = async (options: {
  dataDir: string;
  region: string;
  port?: number;
}): Promise<LocalStepFunctions> => {
  const definition = await synthesizedDefinition({ cacheFile: DEFAULT_DEFINITION_CACHE });
  const stateMachineArn = localStateMachineArn(options.region);
  const runner = await startLocalRunner({
    definition,
    stateMachineArn,
    dataDir: resolve(options.dataDir),
    resume: false,
  });
  const api = await startStepFunctionsApi({ backend: runner, port: options.port }).catch(
    async (error: unknown) => {
      await runner.stop();
      throw error;
    },
  );
  return {
    endpoint: api.endpoint,
    stateMachineArn,
    environment: { AWS_ENDPOINT_URL_SFN: api.endpoint, STATE_MACHINE_ARN: stateMachineArn },
    runner,
    resume: () => runner.resumeKept(),
    stop: async () => {
      await api.stop();
      await runner.stop();
    },
  };
};
