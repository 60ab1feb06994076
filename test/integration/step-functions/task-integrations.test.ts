import { afterEach, describe, expect, it } from 'vitest';
import {
  startLocalRunner,
  type LocalRunnerOptions,
  type LocalStepFunctionsRunner,
} from '../../../infra/local/step-functions/local-runner.js';
import type { TaskHandler } from '../../../infra/local/step-functions/lambda-emulation.js';
import { STATE_MACHINE_ARN } from './support/stub-tasks.js';

// How the runner calls a task, on small hand-made definitions: the forms of Resource CDK emits.

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:stub';

const runners: LocalStepFunctionsRunner[] = [];
afterEach(async () => {
  while (runners.length > 0) await runners.pop()!.stop();
});

const run = async (
  definition: object,
  handlers: Record<string, TaskHandler>,
  input: object = {},
  options: Partial<LocalRunnerOptions> = {},
) => {
  const runner = await startLocalRunner({
    definition,
    stateMachineArn: STATE_MACHINE_ARN,
    handlers,
    ...options,
  });
  runners.push(runner);
  const name = `run-${runners.length}-${Date.now()}`;
  await runner.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name, input: JSON.stringify(input) });
  return { runner, name };
};

describe('task states on the local runner', () => {
  it('calls a lambda:invoke task with Parameters.Payload and answers like Lambda (result under Payload)', async () => {
    const events: unknown[] = [];
    const definition = {
      StartAt: 'Compute',
      States: {
        Compute: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: FUNCTION_ARN, 'Payload.$': '$.order' },
          ResultSelector: { 'total.$': '$.Payload.total', 'status.$': '$.StatusCode' },
          ResultPath: '$.result',
          End: true,
        },
      },
    };
    const { runner, name } = await run(
      definition,
      { Compute: (event) => (events.push(event), { total: 42 }) },
      { order: { lines: 2 } },
    );

    const done = await runner.settled(name);

    expect(events).toEqual([{ lines: 2 }]);
    expect(done.output).toEqual({ order: { lines: 2 }, result: { total: 42, status: 200 } });
  });

  it('fails a waiting task with the error and cause SendTaskFailure gives, for Catch to match', async () => {
    let waited: { token?: string; execution?: string } = {};
    const definition = {
      StartAt: 'Wait',
      States: {
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { 'token.$': '$$.Task.Token', 'execution.$': '$$.Execution.Name' },
          TimeoutSeconds: 60,
          Catch: [{ ErrorEquals: ['ReturnEnded'], ResultPath: '$.ended', Next: 'Ended' }],
          End: true,
        },
        Ended: { Type: 'Succeed' },
      },
    };
    const { runner, name } = await run(definition, {
      Wait: (event) => {
        waited = event as typeof waited;
      },
    });
    await expect.poll(() => waited.token).toBeDefined();

    await runner.sendTaskFailure(waited.token!, 'ReturnEnded', 'the buyer cancelled');

    expect(waited).toEqual({ token: expect.stringMatching(/^local\./), execution: name });
    expect((await runner.settled(name)).output).toEqual({
      ended: { Error: 'ReturnEnded', Cause: 'the buyer cancelled' },
    });
  });

  it('times a task without TimeoutSeconds out after the local default, as States.Timeout', async () => {
    const definition = {
      StartAt: 'Hang',
      States: { Hang: { Type: 'Task', Resource: FUNCTION_ARN, End: true } },
    };
    let remainingMs = 0;
    const { runner, name } = await run(
      definition,
      {
        Hang: (_event, context) => {
          remainingMs = context.getRemainingTimeInMillis();
          return new Promise(() => undefined);
        },
      },
      {},
      { defaultTaskTimeoutSeconds: 1 },
    );

    expect(await runner.settled(name)).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(remainingMs).toBeGreaterThan(900);
    expect(remainingMs).toBeLessThanOrEqual(1_000);
  });

  it('refuses to start with a Task state no handler is bound to', async () => {
    const definition = {
      StartAt: 'Unknown',
      States: { Unknown: { Type: 'Task', Resource: FUNCTION_ARN, End: true } },
    };

    await expect(startLocalRunner({ definition, stateMachineArn: STATE_MACHINE_ARN })).rejects.toThrow(
      /Task state Unknown has no handler: add it to PIPELINE_TASKS/,
    );
  });
});
