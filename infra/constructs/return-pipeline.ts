import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  type IChainable,
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
  APPROVAL_WAIT_SECONDS,
  INSPECTION_WAIT_SECONDS,
  NON_RETRYABLE_ERRORS,
  RETURN_ENDED_ERROR,
  PIPELINE_STATES,
  PIPELINE_TASKS,
  WAITING_STATES,
  type PipelineTaskName,
  type ResumeAt,
} from '../../functions/pipeline/pipeline-contract.js';
import { bindTable } from './bind-table.js';
import { grantOwnTaskResponse } from './bind-pipeline.js';
import { grantSendEmail, type EmailSender } from './grant-send-email.js';
import { ReturnsFunction, type FunctionObservability } from './returns-function.js';

export interface ReturnPipelineProps {
  table: ITable;
  /** Who buyer and seller e-mail comes from (see SENDS_EMAIL). */
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

/**
 * Tasks that send e-mail: the label, the closure of an unshipped return, "we received your parcel", the
 * refund of a returnless return, the seller's approval request, and the refund breakdown.
 */
const SENDS_EMAIL: ReadonlySet<PipelineTaskName> = new Set([
  'IssueLabel',
  'CloseUnshipped',
  'WaitForInspection',
  'ComputeRefund',
  'WaitForApproval',
  'IssueRefund',
]);

/**
 * The waiting tasks: each may complete its own task (what it waits for may have happened before its
 * token was stored: a fast carrier, a warehouse that reported first, a resumed run).
 */
const WAITING_TASKS: readonly PipelineTaskName[] = WAITING_STATES;

const taskInput = (extra: Record<string, unknown> = {}): TaskInput =>
  TaskInput.fromObject({
    sellerId: JsonPath.stringAt('$.sellerId'),
    returnId: JsonPath.stringAt('$.returnId'),
    correlationId: JsonPath.stringAt('$.correlationId'),
    ...extra,
  });

/**
 * The return pipeline (DESIGN §7): a Standard, JSONPath state machine whose states are named as in
 * PIPELINE_STATES and whose tasks run the PIPELINE_TASKS modules, one function each:
 *
 *     Route ─> IssueLabel ─> WaitForCarrier ─> WaitForInspection ─> ComputeRefund ─> NeedsApproval
 *                                │ timeout                              (returnless)      │ requiresApproval
 *                                v                                                        v
 *                          CloseUnshipped ─> BuyerDidNotShip               WaitForApproval ─> IssueRefund
 *                                                                    (otherwise) ─────────> IssueRefund
 *     IssueRefund ─> ApplyDisposition ─> Completed
 *
 * Route jumps to `resumeAt` (a retry, a restarted local runner, a returnless refund at ComputeRefund).
 * The three waits are `.waitForTaskToken` tasks: the carrier webhook, the inspection consumer and the
 * seller's approve/reject resume them. WaitForCarrier's timeout (the ship-by window) closes the return;
 * the inspection and approval waits have fixed timeouts whose expiry is a failure like any other: the
 * return needs a person.
 *
 * Every task retries with backoff and full jitter (the non-retryable errors never); a task whose return
 * ended meanwhile (`ReturnEnded`) ends the run quietly at Ended; a task that still fails is caught,
 * named by a `<Task>Failed` Pass, and recorded on the return as NEEDS_ATTENTION before the run fails,
 * so ExecutionsFailed counts it.
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
        // Every task writes the return; the fake payment provider and the notification ledger live in
        // the table too.
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
    /** A task that calls its handler and continues with the handler's result (or none). */
    const invokeTask = (name: PipelineTaskName, resultPath: string): LambdaInvoke =>
      lambdaTask(name, { payloadResponseOnly: true, payload: taskInput(), resultPath });
    /** A `.waitForTaskToken` task: the handler gets the token and stores it; a callback ends the wait. */
    const waitingTask = (name: PipelineTaskName, timeout: Timeout, resultPath: string): LambdaInvoke =>
      lambdaTask(name, {
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: taskInput({ taskToken: JsonPath.taskToken }),
        taskTimeout: timeout,
        resultPath,
      });

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
    // The return was closed or cancelled meanwhile: the run ends quietly, it did not fail.
    const ended = new Succeed(this, S.ended);
    /**
     * The catches of a forward task, in order: its own (`first`), then ReturnEnded to Ended, then the
     * catch-all, a Pass that names the step, then RecordNeedsAttention. States.ALL matches everything,
     * so it must come last.
     */
    const catches = (
      task: LambdaInvoke,
      name: PipelineTaskName,
      first: Array<{ errors: string[]; next: IChainable }> = [],
    ): void => {
      for (const { errors, next } of first) task.addCatch(next, { errors, resultPath: '$.error' });
      task.addCatch(ended, { errors: [RETURN_ENDED_ERROR], resultPath: '$.error' });
      const failed = new Pass(this, `${name}Failed`, {
        result: Result.fromString(name),
        resultPath: '$.failedStep',
      }).next(recordNeedsAttention);
      task.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    };

    const issueLabel = invokeTask('IssueLabel', '$.wait'); // { shipBySeconds, trackingNumber }
    // The ship-by window IssueLabel computed (or what is left of it, on a resumed run).
    const waitForCarrier = waitingTask('WaitForCarrier', Timeout.at('$.wait.shipBySeconds'), '$.delivery');
    const closeUnshipped = invokeTask('CloseUnshipped', JsonPath.DISCARD);
    const waitForInspection = waitingTask(
      'WaitForInspection',
      Timeout.duration(Duration.seconds(INSPECTION_WAIT_SECONDS)),
      '$.inspection',
    );
    const computeRefund = invokeTask('ComputeRefund', '$.refund'); // ComputeRefundResult
    const waitForApproval = waitingTask(
      'WaitForApproval',
      Timeout.duration(Duration.seconds(APPROVAL_WAIT_SECONDS)),
      '$.approval',
    );
    const issueRefund = invokeTask('IssueRefund', JsonPath.DISCARD);
    const applyDisposition = invokeTask('ApplyDisposition', JsonPath.DISCARD);

    issueLabel.next(waitForCarrier);
    waitForCarrier.next(waitForInspection);
    waitForInspection.next(computeRefund);
    computeRefund.next(
      new Choice(this, S.needsApproval)
        .when(Condition.booleanEquals('$.refund.requiresApproval', true), waitForApproval)
        .otherwise(issueRefund),
    );
    waitForApproval.next(issueRefund);
    issueRefund.next(applyDisposition);
    applyDisposition.next(new Succeed(this, S.completed));
    closeUnshipped.next(new Succeed(this, 'BuyerDidNotShip'));

    catches(issueLabel, 'IssueLabel');
    // The buyer never shipped: close the return. Before States.ALL, which would also match it. The
    // other waits are not special: their time-out is a failure, caught by the catch-all.
    catches(waitForCarrier, 'WaitForCarrier', [{ errors: ['States.Timeout'], next: closeUnshipped }]);
    catches(closeUnshipped, 'CloseUnshipped');
    catches(waitForInspection, 'WaitForInspection');
    catches(computeRefund, 'ComputeRefund');
    catches(waitForApproval, 'WaitForApproval');
    catches(issueRefund, 'IssueRefund');
    catches(applyDisposition, 'ApplyDisposition');

    // Route jumps to the state `resumeAt` names (IssueLabel, the default, needs no choice of its own).
    const resumable: Readonly<Record<Exclude<ResumeAt, 'IssueLabel'>, LambdaInvoke>> = {
      WaitForCarrier: waitForCarrier,
      WaitForInspection: waitForInspection,
      ComputeRefund: computeRefund,
      WaitForApproval: waitForApproval,
      IssueRefund: issueRefund,
      ApplyDisposition: applyDisposition,
    };
    const route = new Choice(this, S.route);
    for (const [name, task] of Object.entries(resumable)) {
      route.when(
        Condition.and(Condition.isPresent('$.resumeAt'), Condition.stringEquals('$.resumeAt', name)),
        task,
      );
    }
    route.otherwise(issueLabel);

    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(route),
      stateMachineType: StateMachineType.STANDARD,
      comment:
        'Return pipeline: label, carrier, inspection, refund (approval above the threshold), disposition; closes unshipped returns (DESIGN §7)',
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });

    // The waiting tasks may complete their own task (e.g. the parcel was delivered before the token was stored).
    for (const name of WAITING_TASKS) {
      grantOwnTaskResponse(this, `${name}TaskResponse`, fns[name].role, this.stateMachine);
    }

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
