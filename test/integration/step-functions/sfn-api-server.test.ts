import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidOutput,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLocalRunner,
  type LocalStepFunctionsRunner,
} from '../../../infra/local/step-functions/local-runner.js';
import { RecordingStepFunctions } from '../../../infra/local/step-functions/recording-backend.js';
import {
  startStepFunctionsApi,
  type StepFunctionsApi,
} from '../../../infra/local/step-functions/sfn-api-server.js';
import {
  pipelineDefinition,
  pipelineInput,
  STATE_MACHINE_ARN,
  StubTasks,
  SYNTH_TIMEOUT_MS,
} from './support/stub-tasks.js';

// The SDK's own client against the local API: what the handlers see through AWS_ENDPOINT_URL_SFN.

const clientFor = (api: StepFunctionsApi) => {
  const client = new SFNClient({
    endpoint: api.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // A refusal is an answer, not a reason to try again.
    maxAttempts: 1,
  });
  return client;
};

const errorOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error,
  );

describe('the Step Functions API over the local runner', () => {
  let runner: LocalStepFunctionsRunner;
  // After the carrier, the inspection is answered at once: a resumed run goes on to the end.
  const tasks = new StubTasks().answer('AwaitInspection', {}, () => runner).attach(() => runner);
  let api: StepFunctionsApi;
  let sfn: SFNClient;

  beforeAll(async () => {
    runner = await startLocalRunner({
      definition: await pipelineDefinition(),
      stateMachineArn: STATE_MACHINE_ARN,
      handlers: tasks.handlers(),
      retryIntervalMs: 10,
    });
    api = await startStepFunctionsApi({ backend: runner });
    sfn = clientFor(api);
  }, SYNTH_TIMEOUT_MS);
  afterAll(async () => {
    sfn?.destroy();
    await api?.stop();
    await runner?.stop();
  });

  const startRun = async (input = pipelineInput(), name = input.returnId) =>
    sfn.send(
      new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name, input: JSON.stringify(input) }),
    );

  const tokenOf = async (returnId: string): Promise<string> => {
    for (let count = 1; ; count += 1) {
      const call = await tasks.called('IssueLabel', count);
      if (call.event.returnId === returnId) return call.event.taskToken as string;
    }
  };

  it('starts a run and resumes its waiting task on SendTaskSuccess', async () => {
    const input = pipelineInput();

    const started = await startRun(input);
    const token = await tokenOf(input.returnId);
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ delivered: true }) }),
    );
    await runner.settled(input.returnId);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    expect(started.executionArn).toBe(
      `arn:aws:states:us-east-1:000000000000:execution:returns-local:${input.returnId}`,
    );
    expect(started.startDate).toBeInstanceOf(Date);
    expect(described).toMatchObject({
      name: input.returnId,
      status: 'SUCCEEDED',
      stateMachineArn: STATE_MACHINE_ARN,
      startDate: started.startDate,
      stopDate: expect.any(Date),
    });
    expect(JSON.parse(described.input!)).toEqual(input);
    expect(JSON.parse(described.output!)).toMatchObject({ delivery: { delivered: true } });
    // The history lists the states the run entered, as Step Functions' <Type>StateEntered events.
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn }));
    expect(history.events?.map((e) => [e.type, e.stateEnteredEventDetails?.name])).toEqual([
      ['TaskStateEntered', 'IssueLabel'],
      ['TaskStateEntered', 'AwaitInspection'],
      ['TaskStateEntered', 'IssueRefund'],
    ]);
  });

  it('refuses a second StartExecution under a used name with ExecutionAlreadyExists', async () => {
    const input = pipelineInput();
    const first = await startRun(input);
    await tokenOf(input.returnId);

    // Asked again with the same input while it runs, Step Functions answers with the same execution.
    const same = await startRun(input);
    const refused = await errorOf(startRun({ ...input, correlationId: 'another' }, input.returnId));

    expect(same.executionArn).toBe(first.executionArn);
    expect(tasks.callsOf('IssueLabel').filter((call) => call.event.returnId === input.returnId)).toHaveLength(
      1,
    );
    expect(refused).toBeInstanceOf(ExecutionAlreadyExists);
    expect((refused as ExecutionAlreadyExists).$metadata.httpStatusCode).toBe(400);
  });

  it('refuses StartExecution once the execution under that name has stopped, whatever the input', async () => {
    const input = pipelineInput();
    await startRun(input);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenOf(input.returnId), output: '{}' }));
    await runner.settled(input.returnId);

    expect(await errorOf(startRun(input))).toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('answers callbacks with the exceptions the SDK knows', async () => {
    const input = pipelineInput();
    await startRun(input);
    const token = await tokenOf(input.returnId);
    const success = (taskToken: string, output = '{}') =>
      errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken, output })));

    expect(await success('garbage')).toBeInstanceOf(InvalidToken);
    expect(await success('local.unknown-token-0000000000000000')).toBeInstanceOf(TaskDoesNotExist);
    expect(await success(token, 'not json')).toBeInstanceOf(InvalidOutput);
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'CarrierLost', cause: 'parcel lost' }),
    );
    expect(await success(token)).toBeInstanceOf(TaskTimedOut);
  });

  it('describes and lists executions, and refuses unknown ones', async () => {
    const input = pipelineInput();
    const { executionArn } = await startRun(input);
    await tokenOf(input.returnId);

    const running = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: STATE_MACHINE_ARN, statusFilter: 'RUNNING' }),
    );
    const unknown = await errorOf(
      sfn.send(new DescribeExecutionCommand({ executionArn: `${executionArn}-unknown` })),
    );
    const otherMachine = await errorOf(
      sfn.send(new StartExecutionCommand({ stateMachineArn: `${STATE_MACHINE_ARN}-other`, input: '{}' })),
    );

    expect(running.executions?.map((e) => e.executionArn)).toContain(executionArn);
    expect(running.executions?.every((e) => e.status === 'RUNNING')).toBe(true);
    expect(unknown).toBeInstanceOf(ExecutionDoesNotExist);
    expect(otherMachine).toBeInstanceOf(StateMachineDoesNotExist);
  });
});

describe('the Step Functions API in record-only mode', () => {
  let recorder: RecordingStepFunctions;
  let api: StepFunctionsApi;
  let sfn: SFNClient;

  beforeAll(async () => {
    recorder = await RecordingStepFunctions.create(STATE_MACHINE_ARN);
    api = await startStepFunctionsApi({ backend: recorder });
    sfn = clientFor(api);
  });
  afterAll(async () => {
    sfn.destroy();
    await api.stop();
  });

  it('records StartExecution once per name and runs nothing', async () => {
    const input = pipelineInput();
    const start = (body: object) =>
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: STATE_MACHINE_ARN,
          name: input.returnId,
          input: JSON.stringify(body),
        }),
      );

    const { executionArn } = await start(input);
    await start(input);
    const refused = await errorOf(start({ ...input, correlationId: 'other' }));
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: STATE_MACHINE_ARN }));
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));

    expect(refused).toBeInstanceOf(ExecutionAlreadyExists);
    expect(listed.executions?.filter((e) => e.name === input.returnId)).toHaveLength(1);
    expect(described.status).toBe('RUNNING');
    expect(JSON.parse(described.input!)).toEqual(input);
  });

  it('records callbacks, accepting each token once, and lists them at /local/recorded', async () => {
    const token = `test-token-${pipelineInput().returnId}`;

    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"delivered":true}' }));
    const again = await errorOf(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })));
    const recorded = (await (await fetch(`${api.endpoint}/local/recorded`)).json()) as {
      callbacks: Array<{ kind: string; taskToken: string; output?: unknown }>;
    };

    expect(again).toBeInstanceOf(TaskTimedOut);
    expect(recorded.callbacks.filter((c) => c.taskToken === token)).toEqual([
      expect.objectContaining({ kind: 'success', taskToken: token, output: { delivered: true } }),
    ]);
  });
});
