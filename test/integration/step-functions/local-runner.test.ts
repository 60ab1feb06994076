import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runStart, type PipelineInput } from '../../../functions/pipeline/pipeline-contract.js';
import {
  startLocalRunner,
  type LocalRunnerOptions,
  type LocalStepFunctionsRunner,
} from '../../../infra/local/step-functions/local-runner.js';
import { MAX_TIMEOUT_SECONDS } from '../../../infra/local/step-functions/interpreter-definition.js';
import { StepFunctionsError } from '../../../infra/local/step-functions/step-functions-error.js';
import {
  namedError,
  pipelineDefinition,
  pipelineInput,
  STATE_MACHINE_ARN,
  STUB_REFUND,
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
  tasks.attach(() => runner);
  runners.push(runner);
  return runner;
};

const start = async (runner: LocalStepFunctionsRunner, input: PipelineInput = pipelineInput()) => {
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
  it('runs the whole pipeline in three states: the label and carrier, the inspection, the refund, its payment', async () => {
    const tasks = new StubTasks();
    const runner = await runnerWith(tasks);
    const { name, input } = await start(runner);
    const executionArn = `${STATE_MACHINE_ARN.replace('stateMachine', 'execution')}:${name}`;

    const label = await tasks.called('IssueLabel');
    const token = label.event.taskToken as string;
    expect(label.event).toEqual({
      ...input,
      wait: undefined,
      shipBySeconds: 3600,
      taskToken: expect.stringMatching(/^local\.[\w-]{40,}$/),
    });
    // The wait lasts the ship-by window of the run's input, one hour.
    expect(label.remainingMs).toBeGreaterThan(3_590_000);
    expect(label.remainingMs).toBeLessThanOrEqual(3_600_000);
    expect(runner.describeExecution(executionArn)).toMatchObject({
      status: 'RUNNING',
      waiting: { state: 'IssueLabel', token },
    });

    await runner.sendTaskSuccess(token, JSON.stringify({ trackingNumber: '1ZLOCAL' }));
    const inspection = await tasks.called('AwaitInspection');
    const inspectionToken = inspection.event.taskToken as string;
    expect(inspection.event).toEqual({
      ...input,
      wait: undefined,
      resumeAt: undefined,
      taskToken: expect.stringMatching(/^local\./),
    });
    expect(inspectionToken).not.toBe(token);
    // The definition's own 30-day timeout, not the local 60 s default (Node's timers stop at 24.8 days).
    expect(inspection.remainingMs).toBeGreaterThan(24 * 86_400_000);
    expect(inspection.remainingMs).toBeLessThanOrEqual(MAX_TIMEOUT_SECONDS * 1000);
    expect(runner.describeExecution(executionArn)).toMatchObject({
      status: 'RUNNING',
      waiting: { state: 'AwaitInspection', token: inspectionToken },
    });

    await runner.sendTaskSuccess(inspectionToken, JSON.stringify({ grade: 'A' }));
    const done = await runner.settled(name);

    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      output: {
        ...input,
        delivery: { trackingNumber: '1ZLOCAL' },
        inspection: { grade: 'A' },
      },
    });
    expect(done.waiting).toBeUndefined();
    expect(done.history?.map((entered) => entered.state)).toEqual([
      'IssueLabel',
      'AwaitInspection',
      'IssueRefund',
    ]);
    expect(tasks.callsOf('IssueRefund').map((call) => call.event)).toEqual([
      { ...input, wait: undefined, resumeAt: undefined, taskToken: expect.stringMatching(/^local\./) },
    ]);
    expect(tasks.callsOf('ComputeRefund')).toHaveLength(0);
    expect(tasks.callsOf('CloseUnshipped')).toHaveLength(0);
    // The tokens have been used: Step Functions answers TaskTimedOut from now on.
    expect(await refusal(runner.sendTaskSuccess(token, '{}'))).toBe('TaskTimedOut');
    expect(await refusal(runner.sendTaskSuccess(inspectionToken, '{}'))).toBe('TaskTimedOut');
  });

  it('waits at ComputeRefund for the approval IssueRefund sends it to, for the 14 days the definition gives', async () => {
    const tasks = new StubTasks()
      .answer('IssueLabel', { trackingNumber: '1Z' })
      .answer('AwaitInspection', { grade: 'B' })
      .refundAwaitsApproval()
      .on('ComputeRefund', () => ({}));
    const runner = await runnerWith(tasks);
    const { name, input } = await start(runner);

    const approval = await tasks.called('ComputeRefund');
    expect(approval.event).toEqual({
      ...input,
      wait: undefined,
      resumeAt: undefined,
      taskToken: expect.stringMatching(/^local\./),
    });
    expect(approval.remainingMs).toBeGreaterThan(14 * 86_400_000 - 60_000);
    expect(approval.remainingMs).toBeLessThanOrEqual(14 * 86_400_000);
    await new Promise((done) => setTimeout(done, 50));
    expect(tasks.callsOf('IssueRefund')).toHaveLength(1);
    await runner.sendTaskSuccess(approval.event.taskToken as string, JSON.stringify({ approved: true }));

    expect(await runner.settled(name)).toMatchObject({
      status: 'SUCCEEDED',
      output: { refund: { approved: true } },
    });
    expect(tasks.callsOf('IssueRefund')).toHaveLength(2);
  });

  it('sends a return whose approval never came to NEEDS_ATTENTION (a timed-out wait is a failure)', async () => {
    const tasks = new StubTasks()
      .answer('IssueLabel', {})
      .answer('AwaitInspection', {})
      .refundAwaitsApproval()
      .on('ComputeRefund', () => ({}));
    const runner = await runnerWith(tasks, { timeoutCapsSeconds: { ComputeRefund: 1 } });
    const { name } = await start(runner);

    const done = await runner.settled(name);

    expect(tasks.callsOf('ComputeRefund')).toHaveLength(1);
    expect(tasks.callsOf('IssueRefund')).toHaveLength(1);
    expect(tasks.callsOf('RecordStepFailure')[0]!.event).toMatchObject({
      failedStep: 'ComputeRefund',
      error: { Error: 'States.Timeout' },
    });
    expect(done).toMatchObject({ status: 'FAILED', error: 'NeedsAttention' });
  });

  it('starts a returnless refund at ComputeRefund: no label, no waits', async () => {
    const tasks = new StubTasks();
    const runner = await runnerWith(tasks);
    const input = { ...pipelineInput(), ...runStart('ComputeRefund') };
    const { name } = await start(runner, input);

    expect(await runner.settled(name)).toMatchObject({
      status: 'SUCCEEDED',
      output: { refund: STUB_REFUND },
    });
    // IssueLabel only sends it on (SentOnError, through Route).
    expect(tasks.calls.map((call) => call.state)).toEqual(['IssueLabel', 'ComputeRefund', 'IssueRefund']);
  });

  it('retries a failing task three times, then records NEEDS_ATTENTION with the error', async () => {
    const tasks = new StubTasks().on('IssueLabel', () => {
      throw namedError('CarrierUnavailableError', 'the carrier API answered 503');
    });
    const runner = await runnerWith(tasks);
    const { name, input } = await start(runner);

    const done = await runner.settled(name);

    const tokens = tasks.callsOf('IssueLabel').map((call) => call.event.taskToken);
    expect(tokens).toHaveLength(4);
    // Each attempt waits with a token of its own.
    expect(new Set(tokens).size).toBe(4);
    expect(tasks.callsOf('AwaitInspection')).toHaveLength(0);
    const [record] = tasks.callsOf('RecordStepFailure');
    expect(record!.event).toEqual({
      ...input,
      wait: undefined,
      resumeAt: undefined,
      failedStep: 'IssueLabel',
      error: { Error: 'CarrierUnavailableError', Cause: expect.any(String) },
    });
    // The cause is Lambda's: the error's type and message as JSON.
    const cause = JSON.parse((record!.event.error as { Cause: string }).Cause) as Record<string, unknown>;
    expect(cause).toMatchObject({
      errorType: 'CarrierUnavailableError',
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
    expect(tasks.callsOf('RecordStepFailure')[0]!.event).toMatchObject({
      failedStep: 'IssueLabel',
      error: { Error: 'ValidationError' },
    });
  });

  it('closes the return when the ship-by window runs out (States.Timeout)', async () => {
    const tasks = new StubTasks();
    const runner = await runnerWith(tasks);
    const { name, input } = await start(runner, { ...pipelineInput(), wait: { shipBySeconds: 1 } });
    const token = (await tasks.called('IssueLabel')).event.taskToken as string;

    const done = await runner.settled(name);

    expect(tasks.callsOf('CloseUnshipped').map((call) => call.event)).toEqual([
      { ...input, wait: undefined, resumeAt: undefined },
    ]);
    expect(done).toMatchObject({
      status: 'SUCCEEDED',
      output: { error: { Error: 'States.Timeout' } },
    });
    expect(tasks.callsOf('RecordStepFailure')).toHaveLength(0);
    // A timeout is not retried: one wait only.
    expect(tasks.callsOf('IssueLabel')).toHaveLength(1);
    expect(await refusal(runner.sendTaskSuccess(token, '{}'))).toBe('TaskTimedOut');
  });

  it('shortens the wait to LOCAL_SHIP_BY_SECONDS when that is shorter than the real window', async () => {
    const tasks = new StubTasks();
    const runner = await runnerWith(tasks, { timeoutCapsSeconds: { IssueLabel: 1 } });
    const { name } = await start(runner);

    const startedAt = Date.now();
    const done = await runner.settled(name);

    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(tasks.callsOf('CloseUnshipped')).toHaveLength(1);
    expect(done.status).toBe('SUCCEEDED');
  });

  it('keeps the wait going when the handler returns: only the callback ends it', async () => {
    const tasks = new StubTasks().answer('AwaitInspection', {});
    const runner = await runnerWith(tasks);
    const { name } = await start(runner);
    const token = (await tasks.called('IssueLabel')).event.taskToken as string;
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
