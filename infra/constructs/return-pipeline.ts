import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JitterType,
  JsonPath,
  LogLevel,
  Pass,
  Result,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import {
  NON_RETRYABLE_ERRORS,
  RETURN_ENDED_ERROR,
  PIPELINE_STATES,
  PIPELINE_TASKS,
  type PipelineTaskName,
} from '../../functions/pipeline/pipeline-contract.js';
import { bindTable } from './bind-table.js';
import { grantOwnTaskResponse } from './bind-pipeline.js';
import { grantSendEmail, type EmailSender } from './grant-send-email.js';
import { ReturnsFunction, type FunctionObservability } from './returns-function.js';

export interface ReturnPipelineProps {
  table: ITable;
  /** Who buyer e-mail comes from (IssueLabel sends the label, CloseUnshipped the closure). */
  sender: EmailSender;
  observability: FunctionObservability;
  /** Extra environment every task function gets. */
  environment?: Record<string, string>;
}

/**
 * Errors a retry may fix: Lambda's own (service errors, throttling) and, through `States.TaskFailed`,
 * whatever a handler threw that is not in NON_RETRYABLE_ERRORS (an optimistic-lock conflict, a carrier
 * outage). `States.TaskFailed` never matches `States.Timeout`, so a waiting task that times out is not
 * retried: its Catch decides.
 */
export const RETRYABLE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'States.TaskFailed',
] as const;

/** The task functions time out at 10 s; Step Functions gives up on a hung invocation after this. */
const TASK_TIMEOUT = Duration.seconds(60);

/** Tasks that e-mail the buyer. */
const SENDS_EMAIL: ReadonlySet<PipelineTaskName> = new Set(['IssueLabel', 'CloseUnshipped']);

const taskInput = (extra: Record<string, unknown> = {}): TaskInput =>
  TaskInput.fromObject({
    sellerId: JsonPath.stringAt('$.sellerId'),
    returnId: JsonPath.stringAt('$.returnId'),
    correlationId: JsonPath.stringAt('$.correlationId'),
    ...extra,
  });

/**
 * The return pipeline (DESIGN §7): a Standard, JSONPath state machine whose states are named as in
 * PIPELINE_STATES and whose tasks run the PIPELINE_TASKS modules, one function each. Every task
 * retries with backoff and full jitter (validation errors never), and a task that still fails is
 * caught, named by a `<Task>Failed` Pass, and recorded on the return as NEEDS_ATTENTION before the run
 * fails, so ExecutionsFailed counts it.
 *
 * The local runner runs this same definition (see infra/state-machine-definition.ts), so it stays in
 * JSONPath (the local interpreter ignores JSONata) and every task has an explicit timeout.
 */
export class ReturnPipeline extends Construct {
  readonly stateMachine: StateMachine;
  /** Task functions by state name. */
  readonly functions = new Map<PipelineTaskName, IFunction>();
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ReturnPipelineProps) {
    super(scope, id);

    const tasks = new Construct(this, 'Tasks');
    const fns = Object.fromEntries(
      (Object.entries(PIPELINE_TASKS) as Array<[PipelineTaskName, string]>).map(([name, entry]) => {
        const fn = new ReturnsFunction(tasks, name, {
          entry,
          description: `Return pipeline: ${name}`,
          observability: props.observability,
          synchronousCaller: 'Step Functions Lambda tasks',
        });
        for (const [key, value] of Object.entries(props.environment ?? {}))
          fn.function.addEnvironment(key, value);
        bindTable(fn, props.table, 'readWrite');
        if (SENDS_EMAIL.has(name)) grantSendEmail(fn, props.sender);
        this.functions.set(name, fn.function);
        return [name, fn];
      }),
    ) as Record<PipelineTaskName, ReturnsFunction>;

    const S = PIPELINE_STATES;
    const lambdaTask = (
      name: PipelineTaskName,
      options: Omit<LambdaInvokeProps, 'lambdaFunction'>,
    ): LambdaInvoke => {
      const task = new LambdaInvoke(this, name, {
        lambdaFunction: fns[name].function,
        // Our own retriers below, in the order that matters (non-retryable first).
        retryOnServiceExceptions: false,
        taskTimeout: Timeout.duration(TASK_TIMEOUT),
        ...options,
      });
      task.addRetry({ errors: [...NON_RETRYABLE_ERRORS], maxAttempts: 0 });
      task.addRetry({
        errors: [...RETRYABLE_ERRORS],
        interval: Duration.seconds(2),
        backoffRate: 2,
        maxAttempts: 3,
        maxDelay: Duration.seconds(30),
        jitterStrategy: JitterType.FULL,
      });
      return task;
    };

    const recordNeedsAttention = lambdaTask('RecordNeedsAttention', {
      payloadResponseOnly: true,
      payload: taskInput({
        failedStep: JsonPath.stringAt('$.failedStep'),
        error: JsonPath.objectAt('$.error'),
      }),
      resultPath: JsonPath.DISCARD,
    }).next(
      new Fail(this, S.needsAttention, {
        error: 'NeedsAttention',
        cause: 'a step failed after its retries; the return is in NEEDS_ATTENTION',
      }),
    );
    /** Catch-all of a task: a Pass that names the step, then RecordNeedsAttention. */
    const catchAll = (task: LambdaInvoke, name: PipelineTaskName): void => {
      const failed = new Pass(this, `${name}Failed`, {
        result: Result.fromString(name),
        resultPath: '$.failedStep',
      }).next(recordNeedsAttention);
      task.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    };

    const closeUnshipped = lambdaTask('CloseUnshipped', {
      payloadResponseOnly: true,
      payload: taskInput(),
      resultPath: JsonPath.DISCARD,
    });
    closeUnshipped.next(new Succeed(this, 'BuyerDidNotShip'));
    catchAll(closeUnshipped, 'CloseUnshipped');

    const waitForCarrier = lambdaTask('WaitForCarrier', {
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: taskInput({ taskToken: JsonPath.taskToken }),
      // The ship-by window IssueLabel computed (or what is left of it, on a resumed run).
      taskTimeout: Timeout.at('$.wait.shipBySeconds'),
      resultPath: '$.delivery',
    });
    waitForCarrier.next(new Succeed(this, S.delivered));
    // The buyer never shipped: close the return. Before States.ALL, which would also match it.
    waitForCarrier.addCatch(closeUnshipped, { errors: ['States.Timeout'], resultPath: '$.error' });
    // The return was closed or cancelled meanwhile: the run ends quietly, it did not fail.
    const ended = new Succeed(this, S.ended);
    waitForCarrier.addCatch(ended, { errors: [RETURN_ENDED_ERROR], resultPath: '$.error' });
    catchAll(waitForCarrier, 'WaitForCarrier');

    const issueLabel = lambdaTask('IssueLabel', {
      payloadResponseOnly: true,
      payload: taskInput(),
      // { shipBySeconds, trackingNumber }: WaitForCarrier's timeout reads $.wait.shipBySeconds.
      resultPath: '$.wait',
    });
    issueLabel.next(waitForCarrier);
    issueLabel.addCatch(ended, { errors: [RETURN_ENDED_ERROR], resultPath: '$.error' });
    catchAll(issueLabel, 'IssueLabel');

    const route = new Choice(this, S.route)
      .when(
        Condition.and(
          Condition.isPresent('$.resumeAt'),
          Condition.stringEquals('$.resumeAt', S.waitForCarrier),
        ),
        waitForCarrier,
      )
      .otherwise(issueLabel);

    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(route),
      stateMachineType: StateMachineType.STANDARD,
      comment: 'Return pipeline: label, wait for the carrier, close unshipped returns (DESIGN §7)',
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });

    // WaitForCarrier may complete its own task (the parcel was delivered before the token was stored).
    grantOwnTaskResponse(this, 'WaitForCarrierTaskResponse', fns.WaitForCarrier.role, this.stateMachine);

    NagSuppressions.addResourceSuppressions(
      this.stateMachine.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Lambda invoke tasks are granted each task function and its versions (`<arn>:*`, added by CDK); the functions are named, no other function is reachable',
          appliesTo: [{ regex: '/^Resource::<.*\\.Arn>:\\*$/g' }],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'CloudWatch Logs log delivery (logs:*LogDelivery*, resource policies) and X-Ray (xray:PutTraceSegments etc.) support no resource-level permissions',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
  }
}
