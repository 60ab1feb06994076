import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  Fail,
  type IChainable,
  IntegrationPattern,
  JitterType,
  JsonPath,
  Pass,
  Result,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import {
  APPROVAL_WAIT_SECONDS,
  INSPECTION_WAIT_SECONDS,
  NON_RETRYABLE_ERRORS,
  PIPELINE_STATES,
  REFUND_CHECK_SECONDS,
  SentOnError,
  ReturnEndedError,
  type PipelineTaskName,
} from '../../functions/pipeline/pipeline-contract.js';

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

const taskInput = (extra: Record<string, unknown> = {}): TaskInput =>
  TaskInput.fromObject({
    sellerId: JsonPath.stringAt('$.sellerId'),
    returnId: JsonPath.stringAt('$.returnId'),
    correlationId: JsonPath.stringAt('$.correlationId'),
    ...extra,
  });

/**
 * The return pipeline (docs: the pipeline), as states built from its task functions, nothing else: a
 * Standard, JSONPath definition whose states are named as in PIPELINE_STATES. A happy-path run enters
 * three states:
 *
 *     IssueLabel ─> AwaitInspection ─> IssueRefund (end) <───────────────────┐
 *      │      │ timeout (ship-by)        │ SentOnError      │ timeout        │
 *      │      v                          v                  v                │
 *      │    CloseUnshipped (end)       ComputeRefund ──> CheckRefundWait ────┘
 *      │                               (the approval)  (ComputeRefund, too, goes on to IssueRefund)
 *      └ SentOnError ─> Route ─> AwaitInspection | ComputeRefund | IssueRefund
 *
 * Every run starts at IssueLabel; one started at a later step (a retry, a restarted local runner, a
 * returnless refund at ComputeRefund, a replacement refunded instead at IssueRefund) is sent on by
 * IssueLabel's handler, which fails its token with SentOnError, to Route, which jumps to `resumeAt`: a
 * Choice only such runs enter, not the happy path. The `.waitForTaskToken` tasks do their work and then
 * park: IssueLabel buys the label and waits for the carrier's delivery (the webhook resumes it) until
 * the ship-by window in `$.wait.shipBySeconds`, whose expiry closes the return; AwaitInspection waits for
 * the inspection consumer; IssueRefund records the refund of an inspected return that needs no
 * approval, pays, mails and applies the disposition, and ends the run. A refund that needs the seller's
 * approve or reject (or a replacement instead) it sends on (SentOnError) to ComputeRefund, which records
 * it and waits for the approval, then goes on to IssueRefund. The fixed timeouts (inspection, approval)
 * are failures like any other: the return needs a person. A refund that settles later (Stripe pending)
 * or is paid by hand waits at IssueRefund, its token on the return, for the refund's event or the
 * seller's mark-paid; every REFUND_CHECK_SECONDS its time-out goes to CheckRefundWait, which mails a
 * reminder when one is due, gives up past the limit, and otherwise waits again.
 *
 * Every task retries with backoff and full jitter (the non-retryable errors never); a task whose return
 * ended meanwhile (ReturnEndedError) ends the run quietly at Ended; a task that still fails is caught,
 * named by a `<Task>Failed` Pass, and recorded on the return as NEEDS_ATTENTION before the run fails,
 * so ExecutionsFailed counts it.
 *
 * The local runner runs this same definition (see infra/state-machine-definition.ts), so it stays in
 * JSONPath (the local interpreter ignores JSONata) and every task has an explicit timeout.
 */
export const pipelineDefinition = (
  scope: Construct,
  functions: Readonly<Record<PipelineTaskName, IFunction>>,
): IChainable => {
  const S = PIPELINE_STATES;
  const lambdaTask = (
    name: PipelineTaskName,
    options: Omit<LambdaInvokeProps, 'lambdaFunction'>,
  ): LambdaInvoke => {
    const task = new LambdaInvoke(scope, name, {
      lambdaFunction: functions[name],
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
  /** A task that calls its handler and continues with its input (the handler's result is discarded). */
  const invokeTask = (name: PipelineTaskName): LambdaInvoke =>
    lambdaTask(name, { payloadResponseOnly: true, payload: taskInput(), resultPath: JsonPath.DISCARD });
  /** A `.waitForTaskToken` task: the handler gets the token and stores it; a callback ends the wait. */
  const waitingTask = (
    name: PipelineTaskName,
    timeout: Timeout,
    resultPath: string,
    extra: Record<string, unknown> = {},
  ): LambdaInvoke =>
    lambdaTask(name, {
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: taskInput({ taskToken: JsonPath.taskToken, ...extra }),
      taskTimeout: timeout,
      resultPath,
    });

  const recordStepFailure = lambdaTask('RecordStepFailure', {
    payloadResponseOnly: true,
    payload: taskInput({
      failedStep: JsonPath.stringAt('$.failedStep'),
      error: JsonPath.objectAt('$.error'),
    }),
    resultPath: JsonPath.DISCARD,
  }).next(
    new Fail(scope, S.needsAttention, {
      error: 'NeedsAttention',
      cause: 'a step failed after its retries; the return is in NEEDS_ATTENTION',
    }),
  );
  // The return was closed or cancelled meanwhile: the run ends quietly, it did not fail.
  const ended = new Succeed(scope, S.ended);
  /**
   * The catches of a forward task, in order: its own (`first`), then ReturnEndedError to Ended, then
   * the catch-all, a Pass that names the step, then RecordStepFailure. States.ALL matches everything,
   * so it must come last.
   */
  const catches = (
    task: LambdaInvoke,
    name: PipelineTaskName,
    first: Array<{ errors: string[]; next: IChainable }> = [],
  ): void => {
    for (const { errors, next } of first) task.addCatch(next, { errors, resultPath: '$.error' });
    task.addCatch(ended, { errors: [ReturnEndedError.name], resultPath: '$.error' });
    const failed = new Pass(scope, `${name}Failed`, {
      result: Result.fromString(name),
      resultPath: '$.failedStep',
    }).next(recordStepFailure);
    task.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
  };

  // The ship-by window: the policy's on a first run, what is left of the label's on a resumed one.
  const issueLabel = waitingTask('IssueLabel', Timeout.at('$.wait.shipBySeconds'), '$.delivery', {
    resumeAt: JsonPath.stringAt('$.resumeAt'),
    shipBySeconds: JsonPath.numberAt('$.wait.shipBySeconds'),
  });
  const closeUnshipped = invokeTask('CloseUnshipped');
  const awaitInspection = waitingTask(
    'AwaitInspection',
    Timeout.duration(Duration.seconds(INSPECTION_WAIT_SECONDS)),
    '$.inspection',
  );
  const computeRefund = waitingTask(
    'ComputeRefund',
    Timeout.duration(Duration.seconds(APPROVAL_WAIT_SECONDS)),
    '$.refund',
  );
  const issueRefund = waitingTask(
    'IssueRefund',
    Timeout.duration(Duration.seconds(REFUND_CHECK_SECONDS)),
    JsonPath.DISCARD,
  );
  // Off the happy path: a refund still settling or owed by hand, looked at every REFUND_CHECK_SECONDS.
  const checkRefundWait = invokeTask('CheckRefundWait');

  issueLabel.next(awaitInspection);
  // IssueRefund records a refund that needs no approval itself; ComputeRefund is for one that waits.
  awaitInspection.next(issueRefund);
  computeRefund.next(issueRefund);
  checkRefundWait.next(issueRefund);

  // A run started at a later step: IssueLabel fails its token with SentOnError, and Route jumps to
  // the state `resumeAt` names (IssueRefund, the last, is the otherwise).
  const route = new Choice(scope, S.route)
    .when(Condition.stringEquals('$.resumeAt', S.awaitInspection), awaitInspection)
    .when(Condition.stringEquals('$.resumeAt', S.computeRefund), computeRefund)
    .otherwise(issueRefund);

  // The buyer never shipped: close the return. Before States.ALL, which would also match it. The
  // other waits are not special: their time-out is a failure, caught by the catch-all.
  catches(issueLabel, 'IssueLabel', [
    { errors: [SentOnError.name], next: route },
    { errors: ['States.Timeout'], next: closeUnshipped },
  ]);
  catches(closeUnshipped, 'CloseUnshipped');
  catches(awaitInspection, 'AwaitInspection');
  catches(computeRefund, 'ComputeRefund');
  catches(issueRefund, 'IssueRefund', [
    { errors: [SentOnError.name], next: computeRefund },
    { errors: ['States.Timeout'], next: checkRefundWait },
  ]);
  catches(checkRefundWait, 'CheckRefundWait');

  return issueLabel;
};
