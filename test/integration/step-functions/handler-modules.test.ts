import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PIPELINE_TASKS } from '../../../functions/pipeline/pipeline-contract.js';
import {
  startLocalRunner,
  type LocalStepFunctionsRunner,
} from '../../../infra/local/step-functions/local-runner.js';
import {
  pipelineDefinition,
  pipelineInput,
  STATE_MACHINE_ARN,
  SYNTH_TIMEOUT_MS,
  tempDataDir,
} from './support/stub-tasks.js';

// Without injected handlers, each Task state runs the module PIPELINE_TASKS names, resolved against
// `root`, loaded on its first run as Lambda loads a function. Here `root` is a scratch tree of modules.

declare global {
  var handlerModuleCalls: Array<{ task: string; event: Record<string, unknown> }> | undefined;
}

/** Plain JavaScript, which is TypeScript too. */
const MODULES: Record<keyof typeof PIPELINE_TASKS, string> = {
  // Fails to load, as a module with a broken import would.
  IssueLabel: `throw new Error('cannot find package "left-pad"');`,
  CloseUnshipped: `export const handler = async () => ({});`,
  // Never reached here: the run fails at IssueLabel. They must exist for the runner to start.
  AwaitInspection: `export const handler = async () => ({});`,
  ComputeRefund: `export const handler = async () => ({});`,
  IssueRefund: `export const handler = async () => ({});`,
  CheckRefundWait: `export const handler = async () => ({});`,
  RecordStepFailure: `export const handler = async (event) => {
    globalThis.handlerModuleCalls.push({ task: 'RecordStepFailure', event });
  };`,
};

let definition: object;
beforeAll(async () => {
  definition = await pipelineDefinition();
}, SYNTH_TIMEOUT_MS);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const scratchRoot = async (modules: Partial<typeof MODULES>): Promise<string> => {
  const { dir, remove } = await tempDataDir();
  cleanups.push(remove);
  for (const [task, source] of Object.entries(modules)) {
    const file = join(dir, PIPELINE_TASKS[task as keyof typeof PIPELINE_TASKS]);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, source);
  }
  return dir;
};

describe('task states bound to the PIPELINE_TASKS modules', () => {
  it('calls each module’s handler, and fails a task whose module cannot load with Runtime.ImportModuleError', async () => {
    globalThis.handlerModuleCalls = [];
    const root = await scratchRoot(MODULES);
    const runner: LocalStepFunctionsRunner = await startLocalRunner({
      definition,
      stateMachineArn: STATE_MACHINE_ARN,
      root,
      retryIntervalMs: 10,
    });
    cleanups.push(() => runner.stop());
    const input = pipelineInput();

    await runner.startExecution({
      stateMachineArn: STATE_MACHINE_ARN,
      name: input.returnId,
      input: JSON.stringify(input),
    });
    const done = await runner.settled(input.returnId);

    expect(globalThis.handlerModuleCalls).toEqual([
      {
        task: 'RecordStepFailure',
        event: {
          ...input,
          wait: undefined,
          resumeAt: undefined,
          failedStep: 'IssueLabel',
          error: expect.objectContaining({ Error: 'Runtime.ImportModuleError' }),
        },
      },
    ]);
    expect(done).toMatchObject({ status: 'FAILED', error: 'NeedsAttention' });
  });

  it('refuses to start when a module PIPELINE_TASKS names does not exist', async () => {
    const { IssueLabel: _missing, ...others } = MODULES;
    const root = await scratchRoot(others);

    await expect(startLocalRunner({ definition, stateMachineArn: STATE_MACHINE_ARN, root })).rejects.toThrow(
      /functions\/pipeline\/issue-label\.ts \(for IssueLabel\) does not exist/,
    );
  });
});
