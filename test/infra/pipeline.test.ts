import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURED_REGIONS } from '../../infra/config/index.js';
import { RETRYABLE_ERRORS } from '../../infra/constructs/pipeline-definition.js';
import { MAX_TIMEOUT_SECONDS } from '../../infra/local/step-functions/interpreter-definition.js';
import { placeholderArn, stateMachineDefinition } from '../../infra/state-machine-definition.js';
import {
  APPROVAL_WAIT_SECONDS,
  REFUND_CHECK_SECONDS,
  INSPECTION_WAIT_SECONDS,
  NON_RETRYABLE_ERRORS,
  PIPELINE_STATES,
  PIPELINE_TASKS,
  ResumeAtSchema,
  SentOnError,
  ReturnEndedError,
  WAITING_STATES,
  runStart,
  type PipelineTaskName,
} from '../../functions/pipeline/pipeline-contract.js';
import { PaymentDeclinedError } from '../../domain/errors.js';
import { ValidationError } from '../../domain/errors.js';
import { logicalId, synthRegions, type SynthesizedRegion } from './synth-region.js';

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
}
interface Catcher {
  ErrorEquals: string[];
  ResultPath?: string | null;
  Next: string;
}
interface StateJson {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  ResultPath?: string | null;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: unknown[];
  Default?: string;
  Result?: unknown;
  Error?: string;
  Cause?: string;
}
interface Definition {
  StartAt: string;
  States: Record<string, StateJson>;
}

const TASKS = Object.keys(PIPELINE_TASKS) as PipelineTaskName[];
/** Tasks whose failure is caught and recorded (RecordStepFailure itself is the last resort). */
const FORWARD_TASKS = TASKS.filter((t) => t !== 'RecordStepFailure');
const WAITING: readonly PipelineTaskName[] = WAITING_STATES;
const TASK_INPUT = {
  'sellerId.$': '$.sellerId',
  'returnId.$': '$.returnId',
  'correlationId.$': '$.correlationId',
};
const ENDED = ReturnEndedError.name;

// One region is enough: the definition does not depend on the region (iam.test.ts checks every
// region's grants). Bundling is skipped: only the template is read.
const region = CONFIGURED_REGIONS[0]!;
let s: SynthesizedRegion;
let definition: Definition;
let state: (name: string) => StateJson;
beforeAll(() => {
  s = synthRegions([region], { bundle: false }).get(region)!;
  definition = stateMachineDefinition(s.api.toJSON()) as Definition;
  state = (name) => {
    const found = definition.States[name];
    if (!found) throw new Error(`no state ${name}`);
    return found;
  };
}, 300_000);

/** The placeholder ARN of a pipeline task's function, as `stateMachineDefinition` resolves it. */
const functionArn = (task: PipelineTaskName): string =>
  placeholderArn(logicalId(s.stacks.api.pipeline.functions.get(task)!, s.stacks.api));

describe('the return pipeline definition', () => {
  it('names its states as the pipeline contract does, with a `<Task>Failed` Pass per forward task', () => {
    expect(definition.StartAt).toBe(PIPELINE_STATES.issueLabel);
    expect(Object.keys(definition.States).sort()).toEqual(
      [...Object.values(PIPELINE_STATES), ...FORWARD_TASKS.map((t) => `${t}Failed`)].sort(),
    );
    for (const task of TASKS) expect(state(task).Type, task).toBe('Task');
  });

  it('goes IssueLabel, AwaitInspection, IssueRefund on the happy path: three states', () => {
    const path: string[] = [];
    for (let name: string | undefined = definition.StartAt; name && path.length < 20;) {
      path.push(name);
      const current = state(name);
      name = current.Type === 'Choice' ? current.Default : current.Next;
    }
    expect(path).toEqual(['IssueLabel', 'AwaitInspection', 'IssueRefund']);
    expect(state('IssueRefund').End).toBe(true);
  });

  it('sends a run started at a later state from IssueLabel (SentOnError) through Route to that state', () => {
    const later = ResumeAtSchema.options.filter((name) => name !== 'IssueLabel');
    expect(later).toEqual(['AwaitInspection', 'ComputeRefund', 'IssueRefund']);
    expect(state('IssueLabel').Catch?.[0]).toEqual({
      ErrorEquals: [SentOnError.name],
      ResultPath: '$.error',
      Next: 'Route',
    });
    expect(state('Route')).toEqual({
      Type: 'Choice',
      Choices: later.slice(0, -1).map((name) => ({ Variable: '$.resumeAt', StringEquals: name, Next: name })),
      Default: 'IssueRefund',
    });
  });

  it('never retries the non-retryable errors, and retries the rest with capped exponential backoff and full jitter', () => {
    // The names come from the classes, and each ends in Error.
    expect(NON_RETRYABLE_ERRORS).toEqual([
      'ValidationError',
      'IllegalTransitionError',
      'NotFoundError',
      'TaskInputError',
      'ReturnEndedError',
      'SentOnError',
      'PaymentDeclinedError',
      'RefundFailedError',
      'RefundOverdueError',
    ]);
    expect(new PaymentDeclinedError('no').name).toBe(PaymentDeclinedError.name);
    expect(new ValidationError('no', []).name).toBe(ValidationError.name);
    for (const task of TASKS) {
      const [first, second, ...rest] = state(task).Retry ?? [];
      expect(first, task).toEqual({ ErrorEquals: [...NON_RETRYABLE_ERRORS], MaxAttempts: 0 });
      expect(second, task).toEqual({
        ErrorEquals: [...RETRYABLE_ERRORS],
        IntervalSeconds: 2,
        BackoffRate: 2,
        MaxAttempts: 3,
        MaxDelaySeconds: 30,
        JitterStrategy: 'FULL',
      });
      expect(rest, task).toEqual([]);
      // States.ALL would also retry a time-out: the buyer's ship-by window must end the wait.
      expect(second?.ErrorEquals, task).not.toContain('States.ALL');
      expect(second?.ErrorEquals, task).not.toContain('States.Timeout');
    }
  });

  it('catches every forward task, names the failed step in a Pass, and records NEEDS_ATTENTION before failing the run', () => {
    for (const task of FORWARD_TASKS) {
      const catches = state(task).Catch ?? [];
      // A return closed or cancelled meanwhile ends the run quietly: caught before the catch-all.
      expect(catches.at(-2), task).toEqual({ ErrorEquals: [ENDED], ResultPath: '$.error', Next: 'Ended' });
      expect(catches.at(-1), task).toEqual({
        ErrorEquals: ['States.ALL'],
        ResultPath: '$.error',
        Next: `${task}Failed`,
      });
      // Only IssueLabel (a run started later goes to Route; its ship-by time-out closes the return) and
      // IssueRefund (a refund awaiting approval goes to ComputeRefund; its time-out checks the refund's
      // wait) have catches of their own.
      expect(catches, task).toHaveLength({ IssueLabel: 4, IssueRefund: 4 }[task as string] ?? 2);
      expect(state(`${task}Failed`), task).toEqual({
        Type: 'Pass',
        Result: task,
        ResultPath: '$.failedStep',
        Next: 'RecordStepFailure',
      });
    }
    const record = state('RecordStepFailure');
    expect(record.Catch).toBeUndefined();
    expect(record.Resource).toBe(functionArn('RecordStepFailure'));
    expect(record.Parameters).toEqual({
      ...TASK_INPUT,
      'failedStep.$': '$.failedStep',
      'error.$': '$.error',
    });
    expect(record.Next).toBe('NeedsAttention');
    expect(state('NeedsAttention')).toEqual({
      Type: 'Fail',
      Error: 'NeedsAttention',
      Cause: 'a step failed after its retries; the return is in NEEDS_ATTENTION',
    });
    expect(state('Ended')).toEqual({ Type: 'Succeed' });
  });

  it('buys the label and waits for the carrier in IssueLabel, until the ship-by window, then closes an unshipped return', () => {
    const label = state('IssueLabel');
    expect(label.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(label.Parameters).toEqual({
      FunctionName: functionArn('IssueLabel'),
      Payload: {
        ...TASK_INPUT,
        'taskToken.$': '$$.Task.Token',
        'resumeAt.$': '$.resumeAt',
        'shipBySeconds.$': '$.wait.shipBySeconds',
      },
    });
    expect(label.TimeoutSecondsPath).toBe('$.wait.shipBySeconds');
    expect(label.TimeoutSeconds).toBeUndefined();
    expect(label.ResultPath).toBe('$.delivery');
    expect(label.Next).toBe('AwaitInspection');
    // The time-out catch must come before States.ALL, which would match it first.
    expect(label.Catch?.[1]).toEqual({
      ErrorEquals: ['States.Timeout'],
      ResultPath: '$.error',
      Next: 'CloseUnshipped',
    });
    // A return closed or cancelled while waiting fails the task with ReturnEndedError: a quiet end.
    expect(label.Catch?.[2]).toEqual({ ErrorEquals: [ENDED], ResultPath: '$.error', Next: 'Ended' });
    expect(state('CloseUnshipped')).toMatchObject({
      Resource: functionArn('CloseUnshipped'),
      Parameters: TASK_INPUT,
      ResultPath: null,
      End: true,
    });
  });

  it('waits for the inspection, and at ComputeRefund for an approval, with a task token, for the fixed timeouts of the contract', () => {
    const waits = [
      ['AwaitInspection', INSPECTION_WAIT_SECONDS, '$.inspection', 'IssueRefund'],
      ['ComputeRefund', APPROVAL_WAIT_SECONDS, '$.refund', 'IssueRefund'],
    ] as const;
    for (const [name, timeout, resultPath, next] of waits) {
      const wait = state(name);
      expect(wait.Resource, name).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
      expect(wait.Parameters, name).toEqual({
        FunctionName: functionArn(name),
        Payload: { ...TASK_INPUT, 'taskToken.$': '$$.Task.Token' },
      });
      expect(wait.TimeoutSeconds, name).toBe(timeout);
      expect(wait.TimeoutSecondsPath, name).toBeUndefined();
      expect(wait.ResultPath, name).toBe(resultPath);
      expect(wait.Next, name).toBe(next);
      // A time-out is not special-cased: the catch-all sends the return to NEEDS_ATTENTION.
      expect(
        wait.Catch?.map((c) => c.ErrorEquals),
        name,
      ).toEqual([[ENDED], ['States.ALL']]);
    }
    expect(WAITING).toEqual(['IssueLabel', 'AwaitInspection', 'ComputeRefund', 'IssueRefund']);
    expect(INSPECTION_WAIT_SECONDS).toBe(30 * 86_400);
    expect(APPROVAL_WAIT_SECONDS).toBe(14 * 86_400);
  });

  it('issues the refund in IssueRefund, which sends one awaiting approval to ComputeRefund, waits with its token until the refund is paid and ends the run', () => {
    const refund = state('IssueRefund');
    expect(refund).toMatchObject({
      Resource: expect.stringMatching(/:states:::lambda:invoke\.waitForTaskToken$/),
      Parameters: {
        FunctionName: functionArn('IssueRefund'),
        Payload: { ...TASK_INPUT, 'taskToken.$': '$$.Task.Token' },
      },
      ResultPath: null,
      TimeoutSeconds: REFUND_CHECK_SECONDS,
      End: true,
    });
    // A refund that waits for an approval (or a replacement instead) is ComputeRefund's, which comes back.
    expect(refund.Catch?.[0]).toEqual({
      ErrorEquals: [SentOnError.name],
      ResultPath: '$.error',
      Next: 'ComputeRefund',
    });
    // Its time-out looks at the wait (a reminder, or a person past the limit) and waits again.
    expect(refund.Catch?.[1]).toEqual({
      ErrorEquals: ['States.Timeout'],
      ResultPath: '$.error',
      Next: 'CheckRefundWait',
    });
    expect(state('CheckRefundWait')).toMatchObject({
      Resource: functionArn('CheckRefundWait'),
      Next: 'IssueRefund',
    });
  });

  it('gives every task an explicit timeout (the local interpreter would default to 60 s)', () => {
    for (const task of TASKS) {
      const { TimeoutSeconds, TimeoutSecondsPath } = state(task);
      expect(TimeoutSeconds ?? TimeoutSecondsPath, task).toBeDefined();
    }
  });

  it('is JSONPath throughout (the local interpreter ignores JSONata)', () => {
    expect(JSON.stringify(definition)).not.toMatch(/QueryLanguage|JSONata|\{%/);
  });
});

describe('the return pipeline state machine', () => {
  it('is a Standard state machine, logging every event with its data, traced, with a generated name', () => {
    s.api.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const machine = Object.values(s.api.findResources('AWS::StepFunctions::StateMachine'))[0]!;
    expect(machine.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [
          { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
        ],
      },
      TracingConfiguration: { Enabled: true },
    });
    expect(machine.Properties.StateMachineName).toBeUndefined();
    expect((definition as Definition & { Comment?: string }).Comment).toMatch(
      /label, carrier, inspection, refund .*disposition/,
    );
    expect(machine.Properties.QueryLanguage).toBeUndefined();
  });

  it('runs one function per task, from the module the contract names, each with its role', () => {
    const { pipeline } = s.stacks.api;
    expect([...pipeline.functions.keys()].sort()).toEqual([...TASKS].sort());
    const roles = s.api.toJSON().Resources as Record<string, { Properties: { Description?: string } }>;
    for (const task of TASKS) {
      const role = pipeline.functions.get(task)!.role!;
      expect(roles[logicalId(role, s.stacks.api)]?.Properties.Description, task).toBe(
        `Runs ${PIPELINE_TASKS[task]}`,
      );
    }
  });

  it('may invoke only its own task functions', () => {
    const role = logicalId(s.stacks.api.pipeline.stateMachine.role, s.stacks.api);
    const policies = Object.values(s.api.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === role),
    );
    const invoked = policies
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>)
      .filter((st) => st.Action === 'lambda:InvokeFunction')
      .flatMap((st) => st.Resource as Array<{ 'Fn::GetAtt'?: [string, string] }>)
      .flatMap((r) => (r['Fn::GetAtt'] ? [r['Fn::GetAtt'][0]] : []));
    expect(invoked.sort()).toEqual(
      TASKS.map((t) => logicalId(s.stacks.api.pipeline.functions.get(t)!, s.stacks.api)).sort(),
    );
  });

  it('alarms on failed and timed-out runs, to the alarm topic, and graphs the runs', () => {
    for (const metricName of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      s.api.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/States',
        MetricName: metricName,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: Match.anyValue() } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmTopic') }],
      });
    }
    const dashboard = Object.values(s.api.findResources('AWS::CloudWatch::Dashboard'))[0]!;
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed']) {
      expect(body).toContain(metric);
    }
  });
});

describe('the carrier webhook secrets', () => {
  it('are one retained secret in the data stack: generated for generic, empty for carriers that set their own', () => {
    s.data.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const secret = Object.values(s.data.findResources('AWS::SecretsManager::Secret'))[0]!;
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.Properties.Name).toBeUndefined();
    const generator = secret.Properties.GenerateSecretString as {
      SecretStringTemplate: string;
      GenerateStringKey: string;
      PasswordLength: number;
    };
    expect(JSON.parse(generator.SecretStringTemplate)).toEqual({ ups: [], fedex: [], usps: [] });
    expect(generator.GenerateStringKey).toBe('generic');
    expect(generator.PasswordLength).toBeGreaterThanOrEqual(32);
    s.data.hasOutput('CarrierWebhookSecretsArn', { Value: { Ref: Match.anyValue() } });
  });
});

describe('stateMachineDefinition', () => {
  const template = (definitionString: unknown) => ({
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: { DefinitionString: definitionString },
      },
    },
  });

  it('resolves Fn::Join parts: resource references to placeholder ARNs, pseudo parameters to local values', () => {
    const parsed = stateMachineDefinition(
      template({
        'Fn::Join': [
          '',
          [
            '{"A":"',
            { 'Fn::GetAtt': ['Fn', 'Arn'] },
            '","B":"',
            { Ref: 'Fn' },
            '","C":"arn:',
            { Ref: 'AWS::Partition' },
            ':states:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            '"}',
          ],
        ],
      }),
    );
    expect(parsed).toEqual({
      A: 'arn:aws:lambda:local:000000000000:function:Fn',
      B: 'arn:aws:lambda:local:000000000000:function:Fn',
      C: 'arn:aws:states:local:000000000000',
    });
  });

  it('parses a literal definition as is', () => {
    expect(stateMachineDefinition(template('{"StartAt":"X"}'))).toEqual({ StartAt: 'X' });
  });

  it('refuses a template without exactly one state machine', () => {
    expect(() => stateMachineDefinition({ Resources: {} })).toThrow(/found 0/);
    const two = template('{}');
    (two.Resources as Record<string, unknown>).Other = two.Resources.Machine;
    expect(() => stateMachineDefinition(two)).toThrow(/found 2/);
  });
});

describe('the definition on the local interpreter', () => {
  type Handler = (input: Record<string, unknown>) => Promise<unknown>;
  const named = (name: string): Error => Object.assign(new Error(`${name} in a test`), { name });
  const input = { sellerId: 's-1', returnId: 'r-1', correlationId: 'c-1' };

  /**
   * aws-local-stepfunctions 3 resolves TimeoutSecondsPath against the task's Parameters, Step Functions
   * against the state input: copy the value into the Parameters, as the local runner does
   * (infra/local/step-functions/interpreter-definition.ts). And its timer is a plain setTimeout, which
   * fires at once beyond 2^31-1 ms: the 30-day inspection wait is held to the longest timer Node has,
   * as the local runner holds it.
   */
  const forTheInterpreter = (synthesized: Definition): Definition => {
    const copy = structuredClone(synthesized);
    for (const task of Object.values(copy.States)) {
      if (task.TimeoutSeconds !== undefined)
        task.TimeoutSeconds = Math.min(task.TimeoutSeconds, MAX_TIMEOUT_SECONDS);
      if (!task.TimeoutSecondsPath || !task.Parameters) continue;
      task.Parameters['timeoutSeconds.$'] = task.TimeoutSecondsPath;
      task.TimeoutSecondsPath = '$.timeoutSeconds';
    }
    return copy;
  };

  /**
   * Runs the synthesized definition locally with the tasks bound to `handlers` (a waiting task's
   * handler result stands for its callback's output); retries do not wait. `visited` lists the tasks
   * called, in order, each attempt.
   */
  const run = async (runInput: object, handlers: Partial<Record<PipelineTaskName, Handler>>) => {
    // aws-local-stepfunctions needs Promise.withResolvers (Node 22); Node 20 lacks it.
    const withResolvers = <T>() => {
      let resolve!: (value: T) => void;
      let reject!: (reason: unknown) => void;
      const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
      return { promise, resolve, reject };
    };
    (Promise as unknown as { withResolvers?: unknown }).withResolvers ??= withResolvers;
    const { StateMachine } = await import('aws-local-stepfunctions');
    const visited: PipelineTaskName[] = [];
    const recording = Object.fromEntries(
      TASKS.map((task) => [
        task,
        async (payload: Record<string, unknown>) => {
          visited.push(task);
          const handler = handlers[task];
          if (!handler) throw new Error(`${task} has no handler in this test`);
          return handler(payload);
        },
      ]),
    );
    const machine = new StateMachine(forTheInterpreter(definition) as never);
    const execution = machine.run(runInput as never, {
      context: { Task: { Token: 'local-token' } },
      overrides: {
        taskResourceLocalHandlers: recording as never,
        retryIntervalOverrides: Object.fromEntries(TASKS.map((t) => [t, 0])),
      },
    });
    const output = await execution.result.catch((error: unknown) => ({ failed: error }));
    return { output, visited };
  };

  /**
   * Every forward step answering as a plain return without approval would; IssueLabel sends a run
   * started later on, as its handler does (its thrown error stands for its token's SendTaskFailure).
   */
  const happy: Partial<Record<PipelineTaskName, Handler>> = {
    IssueLabel: async (payload) => {
      // A `.waitForTaskToken` task gets Lambda's parameters: the handler's event is their Payload.
      if ((payload.Payload as { resumeAt?: string }).resumeAt !== 'IssueLabel') {
        throw named(SentOnError.name);
      }
      return { trackingNumber: '1Z' };
    },
    AwaitInspection: async () => ({ grade: 'A' }),
    ComputeRefund: async () => ({ refundId: 'rf-1', requiresApproval: false }),
    IssueRefund: async () => ({ ignored: true }),
  };
  const first = { ...input, ...runStart('IssueLabel', 30) };

  it('runs every step to the end; a transient failure is retried', async () => {
    let labelAttempts = 0;
    const { output, visited } = await run(first, {
      ...happy,
      IssueLabel: async () => {
        labelAttempts += 1;
        if (labelAttempts === 1) throw named('ConditionalCheckFailedException');
        return { trackingNumber: '1Z' };
      },
    });

    expect(visited).toEqual(['IssueLabel', 'IssueLabel', 'AwaitInspection', 'IssueRefund']);
    // IssueRefund's result is discarded.
    expect(output).toEqual({
      ...first,
      delivery: { trackingNumber: '1Z' },
      inspection: { grade: 'A' },
    });
  });

  it('sends a refund awaiting approval from IssueRefund to ComputeRefund, and back once it is approved', async () => {
    let refundAttempts = 0;
    const { output, visited } = await run(first, {
      ...happy,
      IssueRefund: async () => {
        refundAttempts += 1;
        // Its thrown error stands for the token's SendTaskFailure, as for IssueLabel above.
        if (refundAttempts === 1) throw named(SentOnError.name);
        return { ignored: true };
      },
      ComputeRefund: async () => ({ approved: true }),
    });

    expect(visited.slice(-3)).toEqual(['IssueRefund', 'ComputeRefund', 'IssueRefund']);
    expect(output).toMatchObject({ refund: { approved: true } });
  });

  it('starts a returnless refund at ComputeRefund: IssueLabel sends it on, no carrier, no inspection', async () => {
    const returnless = { ...input, ...runStart('ComputeRefund') };
    const { output, visited } = await run(returnless, happy);

    expect(visited).toEqual(['IssueLabel', 'ComputeRefund', 'IssueRefund']);
    expect(output).toEqual({
      ...returnless,
      error: { Error: 'SentOnError', Cause: 'SentOnError in a test' },
      refund: { refundId: 'rf-1', requiresApproval: false },
    });
  });

  it('does not retry a declined payment: IssueRefund is recorded NEEDS_ATTENTION and the run fails', async () => {
    const recorded: unknown[] = [];
    const { output, visited } = await run(first, {
      ...happy,
      IssueRefund: async () => {
        throw named(PaymentDeclinedError.name);
      },
      RecordStepFailure: async (payload) => {
        recorded.push(payload);
        return {};
      },
    });

    expect(visited.slice(-2)).toEqual(['IssueRefund', 'RecordStepFailure']);
    expect(visited.filter((task) => task === 'IssueRefund')).toHaveLength(1);
    expect(recorded).toEqual([
      {
        ...input,
        failedStep: 'IssueRefund',
        error: { Error: 'PaymentDeclinedError', Cause: 'PaymentDeclinedError in a test' },
      },
    ]);
    expect(String((output as { failed?: unknown }).failed)).toMatch(/NEEDS_ATTENTION/);
  });

  it('ends quietly at Ended when a step finds its return closed or cancelled', async () => {
    const { output, visited } = await run(first, {
      ...happy,
      AwaitInspection: async () => {
        throw named(ReturnEndedError.name);
      },
    });

    expect(visited).toEqual(['IssueLabel', 'AwaitInspection']);
    expect(output).toMatchObject({ error: { Error: 'ReturnEndedError' } });
  });

  it('records NEEDS_ATTENTION without retrying a validation error, and fails the run', async () => {
    const recorded: unknown[] = [];
    const { output, visited } = await run(first, {
      IssueLabel: async () => {
        throw named('ValidationError');
      },
      RecordStepFailure: async (payload) => {
        recorded.push(payload);
        return {};
      },
    });

    expect(visited).toEqual(['IssueLabel', 'RecordStepFailure']);
    expect(recorded).toEqual([
      {
        ...input,
        failedStep: 'IssueLabel',
        error: { Error: 'ValidationError', Cause: 'ValidationError in a test' },
      },
    ]);
    expect(String((output as { failed?: unknown }).failed)).toMatch(/NEEDS_ATTENTION/);
  });

  it('resumes at IssueLabel and closes the return when the ship-by window passes', async () => {
    const closed: unknown[] = [];
    const { output, visited } = await run(
      { ...input, ...runStart('IssueLabel', 1) },
      {
        IssueLabel: () => new Promise(() => {}),
        CloseUnshipped: async (payload) => {
          closed.push(payload);
          return { ignored: true };
        },
      },
    );

    expect(visited).toEqual(['IssueLabel', 'CloseUnshipped']);
    expect(closed).toEqual([input]);
    expect(output).toMatchObject({ ...input, error: { Error: 'States.Timeout' } });
  });
});
