import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runStart } from '../../../functions/pipeline/pipeline-contract.js';
import type { ExecutionRecord } from '../../../infra/local/step-functions/execution-store.js';
import {
  startLocalRunner,
  type LocalRunnerOptions,
  type LocalStepFunctionsRunner,
} from '../../../infra/local/step-functions/local-runner.js';
import {
  pipelineDefinition,
  pipelineInput,
  STATE_MACHINE_ARN,
  StubTasks,
  SYNTH_TIMEOUT_MS,
  tempDataDir,
} from './support/stub-tasks.js';

// A runner keeps its executions in <dataDir>/step-functions.json; a new runner on the same directory
// carries on with those that were running.

let definition: object;
beforeAll(async () => {
  definition = await pipelineDefinition();
}, SYNTH_TIMEOUT_MS);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const dataDir = async (): Promise<string> => {
  const { dir, remove } = await tempDataDir();
  cleanups.push(remove);
  return dir;
};

const runnerOn = async (dir: string, tasks: StubTasks, options: Partial<LocalRunnerOptions> = {}) => {
  const runner = await startLocalRunner({
    definition,
    stateMachineArn: STATE_MACHINE_ARN,
    dataDir: dir,
    handlers: tasks.handlers(),
    retryIntervalMs: 10,
    ...options,
  });
  tasks.attach(() => runner);
  cleanups.push(() => runner.stop());
  return runner;
};

const start = async (runner: LocalStepFunctionsRunner, input = pipelineInput()) => {
  await runner.startExecution({
    stateMachineArn: STATE_MACHINE_ARN,
    name: input.returnId,
    input: JSON.stringify(input),
  });
  return { name: input.returnId, input };
};

const kept = async (dir: string): Promise<ExecutionRecord[]> =>
  (JSON.parse(await readFile(join(dir, 'step-functions.json'), 'utf8')) as { executions: ExecutionRecord[] })
    .executions;

/** Runs one execution up to IssueLabel's wait, stops the runner, and returns what is needed to go on. */
const waitingThenStopped = async (dir: string, options: Partial<LocalRunnerOptions> = {}) => {
  const tasks = new StubTasks();
  const first = await runnerOn(dir, tasks, options);
  const { name, input } = await start(first);
  const token = (await tasks.called('IssueLabel')).event.taskToken as string;
  await first.stop();
  return { name, input, token };
};

describe('the local runner across a restart', () => {
  it('keeps a waiting execution on disk: status, input, state, token and deadline', async () => {
    const dir = await dataDir();

    const { name, input, token } = await waitingThenStopped(dir);

    const [record] = await kept(dir);
    expect(record).toMatchObject({
      name,
      input,
      status: 'RUNNING',
      startedAt: expect.any(String),
      waiting: { state: 'IssueLabel', token, deadline: expect.any(String) },
    });
    const left = Date.parse(record!.waiting!.deadline) - Date.now();
    expect(left).toBeGreaterThan(3_500_000);
    expect(left).toBeLessThanOrEqual(3_600_000);
  });

  it('waits again at IssueLabel with the same token, and SendTaskSuccess with it completes the run', async () => {
    const dir = await dataDir();
    const { name, input, token } = await waitingThenStopped(dir);
    const tasks = new StubTasks().answer('AwaitInspection', { grade: 'A' });
    const second = await runnerOn(dir, tasks);
    const again = await tasks.called('IssueLabel');
    await second.sendTaskSuccess(token, JSON.stringify({ trackingNumber: '1Z' }));
    const done = await second.settled(name);

    // The wait is the rest of the window, with the token the return holds (the label stands there).
    expect(tasks.callsOf('IssueLabel')).toHaveLength(1);
    expect(again.event).toEqual({
      ...input,
      wait: undefined,
      shipBySeconds: expect.any(Number),
      taskToken: token,
    });
    expect(again.event.shipBySeconds).toBeGreaterThan(3_500);
    expect(again.event.shipBySeconds).toBeLessThanOrEqual(3_600);
    expect(again.remainingMs).toBeGreaterThan(3_500_000);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      output: {
        ...input,
        resumeAt: 'IssueLabel',
        wait: { shipBySeconds: expect.any(Number) },
        delivery: { trackingNumber: '1Z' },
        inspection: { grade: 'A' },
      },
      notes: [expect.stringMatching(/resumed after a restart: waits again at IssueLabel/)],
    });
    await second.stop();
    // Every wait's token is closed: the carrier's, then the inspection's and the refund's.
    expect((await kept(dir))[0]).toMatchObject({
      status: 'SUCCEEDED',
      closedTokens: [token, ...Array.from({ length: 2 }, () => expect.stringMatching(/^local\./))],
    });
  });

  it('accepts the callback even before the resumed run is back at the wait', async () => {
    const dir = await dataDir();
    const { name, token } = await waitingThenStopped(dir);
    const second = await runnerOn(dir, new StubTasks().answer('AwaitInspection', {}));
    await second.sendTaskSuccess(token, '{"early":true}');

    expect(await second.settled(name)).toMatchObject({
      status: 'SUCCEEDED',
      output: { delivery: { early: true } },
    });
  });

  it('closes the return at once when the window ran out while the runner was down', async () => {
    const dir = await dataDir();
    const { name } = await waitingThenStopped(dir, { timeoutCapsSeconds: { IssueLabel: 1 } });
    await new Promise((done) => setTimeout(done, 1_200));

    const tasks = new StubTasks();
    const second = await runnerOn(dir, tasks);
    const done = await second.settled(name);

    expect(done.input).toMatchObject({ resumeAt: 'IssueLabel' });
    expect(tasks.callsOf('CloseUnshipped')).toHaveLength(1);
    // Resumed at IssueLabel, where every run starts, on this runner too.
    expect(done.history?.map((entered) => entered.state)).toEqual([
      'IssueLabel',
      'IssueLabel',
      'CloseUnshipped',
    ]);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: { wait: { shipBySeconds: 1 } } });
  });

  it('waits again at AwaitInspection with the same token, never longer than the recorded deadline', async () => {
    const dir = await dataDir();
    const before = new StubTasks().answer('IssueLabel', { trackingNumber: '1Z' });
    // A short local cap on the first runner only: the second must keep the deadline recorded under it.
    const first = await runnerOn(dir, before, { timeoutCapsSeconds: { AwaitInspection: 600 } });
    const { name, input } = await start(first);
    const token = (await before.called('AwaitInspection')).event.taskToken as string;
    await first.stop();
    expect((await kept(dir))[0]).toMatchObject({
      status: 'RUNNING',
      waiting: { state: 'AwaitInspection', token },
    });

    const tasks = new StubTasks();
    const second = await runnerOn(dir, tasks);
    const again = await tasks.called('AwaitInspection');
    expect(again.event).toEqual({ ...input, wait: undefined, resumeAt: undefined, taskToken: token });
    expect(again.remainingMs).toBeGreaterThan(590_000);
    expect(again.remainingMs).toBeLessThanOrEqual(600_000);
    await second.sendTaskSuccess(token, JSON.stringify({ grade: 'C' }));
    const done = await second.settled(name);

    // IssueLabel, where the resumed run starts, only sent it on.
    expect(tasks.callsOf('IssueLabel').map((call) => call.event.resumeAt)).toEqual(['AwaitInspection']);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      output: {
        ...input,
        ...runStart('AwaitInspection'),
        inspection: { grade: 'C' },
      },
      notes: [expect.stringMatching(/waits again at AwaitInspection with the same token/)],
    });
  });

  it('runs IssueRefund again, with the same token, for an execution cut off inside it', async () => {
    const dir = await dataDir();
    const hanging = new StubTasks().on('IssueRefund', () => new Promise(() => undefined));
    const first = await runnerOn(dir, hanging);
    const { name, input } = await start(first, { ...pipelineInput(), resumeAt: 'IssueRefund' });
    await hanging.called('IssueRefund');
    await first.stop();
    expect((await kept(dir))[0]).toMatchObject({ status: 'RUNNING', lastTask: 'IssueRefund' });

    const cutOff = hanging.callsOf('IssueRefund')[0]!.event.taskToken;
    const tasks = new StubTasks();
    const second = await runnerOn(dir, tasks);
    const refund = await tasks.called('IssueRefund');

    // Its handler runs again (it pays under the key from the return, so once), waiting on the same token.
    expect(refund.event).toEqual({ ...input, wait: undefined, resumeAt: undefined, taskToken: cutOff });
    expect(await second.settled(name)).toMatchObject({
      status: 'SUCCEEDED',
      notes: [expect.stringMatching(/waits again at IssueRefund with the same token/)],
    });
  });

  it('fails, with a note, an execution cut off in a state it cannot resume at', async () => {
    const dir = await dataDir();
    const input = pipelineInput();
    const record: ExecutionRecord = {
      name: input.returnId,
      executionArn: `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${input.returnId}`,
      stateMachineArn: STATE_MACHINE_ARN,
      input,
      status: 'RUNNING',
      startedAt: new Date().toISOString(),
      lastTask: 'CloseUnshipped',
      closedTokens: [],
      notes: [],
    };
    await writeFile(join(dir, 'step-functions.json'), JSON.stringify({ version: 1, executions: [record] }));

    const tasks = new StubTasks();
    const runner = await runnerOn(dir, tasks);

    expect(await runner.settled(record.name)).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      notes: [expect.stringMatching(/stopped while the execution was in CloseUnshipped/)],
    });
    expect(tasks.calls).toHaveLength(0);
  });
});
