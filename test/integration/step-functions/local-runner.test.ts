import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startLocalRunner,
  type LocalRunnerOptions,
  type LocalStepFunctionsRunner,
} from '../../../infra/local/step-functions/local-runner.js';
import { StepFunctionsError } from '../../../infra/local/step-functions/step-functions-error.js';
import {
  namedError,
  pipelineDefinition,
  pipelineInput,
  STATE_MACHINE_ARN,
  StubTasks,
  SYNTH_TIMEOUT_MS,
} from './support/stub-tasks.js';

// The synthesized pipeline, run by the local runner with stub task handlers bound by state name.

let definition: object;
beforeAll(async () => {
  definition = await pipelineDefinition();
}, SYNTH_TIMEOUT_MS);

const runners: LocalStepFunctionsRunner[] = [];
afterEach(async () => {
  while (runners.length > 0) await runners.pop()!.stop();
});

const runnerWith = async (tasks: StubTasks, options: Partial<LocalRunnerOptions> = {}) => {
  const runner = await startLocalRunner({
    definition,
    stateMachineArn: STATE_MACHINE_ARN,
    handlers: tasks.handlers(),
    retryIntervalMs: 10,
    ...options,
  });
  runners.push(runner);
  return runner;
};

const start = async (runner: LocalStepFunctionsRunner, input = pipelineInput()) => {
  const name = input.returnId;
  await runner.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name, input: JSON.stringify(input) });
  return { name, input };
};

const refusal = async (call: Promise<unknown>): Promise<string> => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StepFunctionsError);
  return (error as StepFunctionsError).type;
};

describe('the local runner on the synthesized pipeline', () => {
  it('issues the label, then waits at WaitForCarrier with a minted token until SendTaskSuccess', async () => {
    const tasks = new StubTasks();
    const runner = await runnerWith(tasks);
    const { name, input } = await start(runner);

    const wait = await tasks.called('WaitForCarrier');
    expect(tasks.callsOf('IssueLabel').map((call) => call.event)).toEqual([input]);
    const token = wait.event.taskToken as string;
    expect(wait.event).toEqual({ ...input, taskToken: expect.stringMatching(/^local\.[\w-]{40,}$/) });
    // The wait lasts the window IssueLabel answered, one hour.
    expect(wait.remainingMs).toBeGreaterThan(3_590_000);
    expect(
      runner.describeExecution(`${STATE_MACHINE_ARN.replace('stateMachine', 'execution')}:${name}`),
    ).toMatchObject({ status: 'RUNNING', waiting: { state: 'WaitForCarrier', token } });

    await runner.sendTaskSuccess(token, JSON.stringify({ deliveredAt: '2026-01-02T03:04:05Z' }));
    const done = await runner.settled(name);

    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      output: {
        ...input,
        wait: { shipBySeconds: 3600, trackingNumber: '1ZLOCAL' },
        delivery: { deliveredAt: '2026-01-02T03:04:05Z' },
      },
    });
    expect(done.waiting).toBeUndefined();
    expect(tasks.callsOf('CloseUnshipped')).toHaveLength(0);
    // The token has been used: Step Functions answers TaskTimedOut from now on.
    expect(await refusal(runner.sendTaskSuccess(token, '{}'))).toBe('TaskTimedOut');
  });

  it('retries a failing task three times, then records NEEDS_ATTENTION with the error', async () => {
    const tasks = new StubTasks().on('IssueLabel', () => {
      throw namedError('CarrierUnavailable', 'the carrier API answered 503');
    });
    const runner = await runnerWith(tasks);
    const { name, input } = await start(runner);

    const done = await runner.settled(name);

    expect(tasks.callsOf('IssueLabel')).toHaveLength(4);
    expect(tasks.callsOf('WaitForCarrier')).toHaveLength(0);
    const [record] = tasks.callsOf('RecordNeedsAttention');
    expect(record!.event).toEqual({
      ...input,
      failedStep: 'IssueLabel',
      error: { Error: 'CarrierUnavailable', Cause: expect.any(String) },
    });
    // The cause is Lambda's: the error's type and message as JSON.
    const cause = JSON.parse((record!.event.error as { Cause: string }).Cause) as Record<string, unknown>;
    expect(cause).toMatchObject({
      errorType: 'CarrierUnavailable',
      errorMessage: 'the carrier API answered 503',
    });
    expect(done).toMatchObject({ status: 'FAILED', error: 'NeedsAttention' });
  });

  it('does not retry a validation error', async () => {
    const tasks = new StubTasks().on('IssueLabel', () => {
      throw namedError('ValidationError');
    });
    const runner = await runnerWith(tasks);
    const { name } = await start(runner);

    await runner.settled(name);

    expect(tasks.callsOf('IssueLabel')).toHaveLength(1);
    expect(tasks.callsOf('RecordNeedsAttention')[0]!.event).toMatchObject({
      failedStep: 'IssueLabel',
      error: { Error: 'ValidationError' },
    });
  });

  it('closes the return when the ship-by window IssueLabel gave runs out (States.Timeout)', async () => {
    const tasks = new StubTasks().on('IssueLabel', () => ({ shipBySeconds: 1, trackingNumber: '1Z' }));
    const runner = await runnerWith(tasks);
    const { name, input } = await start(runner);
    const token = (await tasks.called('WaitForCarrier')).event.taskToken as string;

    const done = await runner.settled(name);

    expect(tasks.callsOf('CloseUnshipped').map((call) => call.event)).toEqual([input]);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      output: { error: { Error: 'States.Timeout' } },
    });
    expect(tasks.callsOf('RecordNeedsAttention')).toHaveLength(0);
    // A timeout is not retried: one wait only.
    expect(tasks.callsOf('WaitForCarrier')).toHaveLength(1);
    expect(await refusal(runner.sendTaskSuccess(token, '{}'))).toBe('TaskTimedOut');
  });

  it('shortens the wait to LOCAL_SHIP_BY_SECONDS when that is shorter than the real window', async () => {
    const tasks = new StubTasks();
    const runner = await runnerWith(tasks, { timeoutCapsSeconds: { WaitForCarrier: 1 } });
    const { name } = await start(runner);

    const startedAt = Date.now();
    const done = await runner.settled(name);

    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(tasks.callsOf('CloseUnshipped')).toHaveLength(1);
    expect(done.status).toBe('SUCCEEDED');
  });

  it('fails the wait when the WaitForCarrier handler throws, retrying with a new token each time', async () => {
    const tasks = new StubTasks().on('WaitForCarrier', () => {
      throw namedError('ConditionalCheckFailedException');
    });
    const runner = await runnerWith(tasks);
    const { name } = await start(runner);

    await runner.settled(name);

    const tokens = tasks.callsOf('WaitForCarrier').map((call) => call.event.taskToken);
    expect(tokens).toHaveLength(4);
    expect(new Set(tokens).size).toBe(4);
    expect(tasks.callsOf('RecordNeedsAttention')[0]!.event).toMatchObject({
      failedStep: 'WaitForCarrier',
      error: { Error: 'ConditionalCheckFailedException' },
    });
  });

  it('keeps the wait going when the handler returns: only the callback ends it', async () => {
    const tasks = new StubTasks();
    const runner = await runnerWith(tasks);
    const { name } = await start(runner);
    const token = (await tasks.called('WaitForCarrier')).event.taskToken as string;
    await new Promise((done) => setTimeout(done, 100));

    await runner.sendTaskHeartbeat(token);
    expect(
      runner.describeExecution(`${STATE_MACHINE_ARN.replace('stateMachine', 'execution')}:${name}`).status,
    ).toBe('RUNNING');
    await runner.sendTaskSuccess(token, '{}');
    expect((await runner.settled(name)).status).toBe('SUCCEEDED');
  });

  it('answers callbacks for tokens it never gave out', async () => {
    const runner = await runnerWith(new StubTasks());

    expect(await refusal(runner.sendTaskSuccess('not-a-token', '{}'))).toBe('InvalidToken');
    expect(await refusal(runner.sendTaskSuccess('local.never-minted-here-000000000000', '{}'))).toBe(
      'TaskDoesNotExist',
    );
  });
});
