/**
 * What both benchmarks run on: an in-memory dynalite and the recording Step Functions API, and the
 * environment a Lambda container would be given. Handler modules read that environment at import, so
 * import them only after `startBenchEnvironment()` has resolved.
 */
import { ensureTable } from '../infra/local/ensure-table.js';
import { startDynamoDb } from '../infra/local/stand-ins/dynamodb.js';
import { localStateMachineArn } from '../infra/local/step-functions/execution-requests.js';
import { RecordingStepFunctions } from '../infra/local/step-functions/recording-backend.js';
import { startStepFunctionsApi } from '../infra/local/step-functions/sfn-api-server.js';
import { allRegionsMarketplacesEnvironment } from '../infra/marketplaces-environment.js';

export const REGION = 'us-east-1';
const TABLE_NAME = 'returns-bench';

export interface BenchEnvironment {
  stop(): Promise<void>;
}

export const startBenchEnvironment = async (): Promise<BenchEnvironment> => {
  const dynamodb = await startDynamoDb();
  // Runs are recorded, not run: the benchmarks measure the handlers, not the pipeline behind them.
  const stateMachineArn = localStateMachineArn(REGION);
  const sfn = await startStepFunctionsApi({ backend: await RecordingStepFunctions.create(stateMachineArn) });
  Object.assign(process.env, {
    TABLE_NAME,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
    AWS_ENDPOINT_URL_SFN: sfn.endpoint,
    STATE_MACHINE_ARN: stateMachineArn,
    REGION_MARKETPLACES: allRegionsMarketplacesEnvironment(),
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  await ensureTable(dynamodb.endpoint, TABLE_NAME);
  return {
    stop: async () => {
      await sfn.stop();
      await dynamodb.stop();
    },
  };
};
