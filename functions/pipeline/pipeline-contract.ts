import * as z from '../../domain/zod.js';
import { IllegalTransitionError, NamedError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { PaymentDeclinedError } from '../../domain/errors.js';

/**
 * The pipeline's contract, shared by the CDK definition, the task handlers and the local runner:
 * state names (the local runner binds tasks by them) and the shape of the execution's input. Each step
 * has one name: its state, its handler `functions/pipeline/<step>.ts`, its use case
 * `functions/use-cases/<step>.ts` and, where it records something, its lifecycle command (UPPER_SNAKE).
 */
export const PIPELINE_STATES = {
  /**
   * `.waitForTaskToken`, where every run starts: buys the label, stores the token with it, and waits for
   * the carrier's delivery; a run started at a later step it sends on to Route (SentOnError).
   */
  issueLabel: 'IssueLabel',
  /** Choice, off the happy path: a run started at a later step jumps to its `resumeAt` from here. */
  route: 'Route',
  /** Reached when IssueLabel's ship-by window passes: the buyer never shipped. */
  closeUnshipped: 'CloseUnshipped',
  /** `.waitForTaskToken`: stores the token, mails the buyer that the parcel arrived; the inspection resumes it. */
  awaitInspection: 'AwaitInspection',
  /**
   * `.waitForTaskToken`, off the happy path: records a refund that waits for the seller's approval, or
   * requests a replacement instead; a returnless refund's run starts here.
   */
  computeRefund: 'ComputeRefund',
  /**
   * `.waitForTaskToken`: records the refund of an inspected return when it needs no approval (else sends
   * the run to ComputeRefund), pays it (keyed by the return); once it is paid (now, on the provider's
   * event or the seller's mark-paid) mails the buyer, applies the disposition: COMPLETED.
   */
  issueRefund: 'IssueRefund',
  /** Reached when IssueRefund's wait times out: reminds the seller of a manual payout, or gives up on it. */
  checkRefundWait: 'CheckRefundWait',
  /** Every Catch leads here (through a Pass that names the failed step). */
  recordStepFailure: 'RecordStepFailure',
  /** The return was closed or cancelled while the run waited: it ends quietly. */
  ended: 'Ended',
  needsAttention: 'NeedsAttention',
} as const;

/** The task states bound to handler modules, with the module each runs. */
export const PIPELINE_TASKS = {
  IssueLabel: 'functions/pipeline/issue-label.ts',
  CloseUnshipped: 'functions/pipeline/close-unshipped.ts',
  AwaitInspection: 'functions/pipeline/await-inspection.ts',
  ComputeRefund: 'functions/pipeline/compute-refund.ts',
  IssueRefund: 'functions/pipeline/issue-refund.ts',
  CheckRefundWait: 'functions/pipeline/check-refund-wait.ts',
  RecordStepFailure: 'functions/pipeline/record-step-failure.ts',
} as const satisfies Record<string, string>;
export type PipelineTaskName = keyof typeof PIPELINE_TASKS;

/**
 * States a run may start at: IssueLabel (the default; on a resumed run it only waits for the carrier
 * again), and, after a restart of the local runner, on a seller's retry or for a returnless refund
 * (ComputeRefund), the later steps, which IssueLabel sends it on to through Route.
 */
export const ResumeAtSchema = z.enum(['IssueLabel', 'AwaitInspection', 'ComputeRefund', 'IssueRefund']);
export type ResumeAt = z.infer<typeof ResumeAtSchema>;

/** The states that wait for a callback with a task token (`.waitForTaskToken`). */
export const WAITING_STATES = ['IssueLabel', 'AwaitInspection', 'ComputeRefund', 'IssueRefund'] as const;

/** How long a run waits for the warehouse, and for a person to approve a refund, before it needs attention. */
export const INSPECTION_WAIT_SECONDS = 30 * 24 * 3600;
export const APPROVAL_WAIT_SECONDS = 14 * 24 * 3600;
/**
 * How long IssueRefund waits for a refund to settle or be paid by hand before CheckRefundWait looks at
 * it (a reminder is due, or the limit has passed) and, mostly, sends it back to wait again.
 */
export const REFUND_CHECK_SECONDS = 6 * 3600;

export const PipelineInputSchema = z.object({
  sellerId: z.string(),
  returnId: z.string(),
  /** Ties logs from the API request to every step of the run. */
  correlationId: z.string(),
  /** Where the run starts: IssueLabel passes it to its handler, which sends a later one on to Route. */
  resumeAt: ResumeAtSchema,
  /**
   * The ship-by window, in seconds, every run enters IssueLabel with (its TimeoutSecondsPath reads it):
   * the policy's on a first run, what is left of the label's on a resumed one, and SEND_ON_WINDOW_SECONDS
   * on a run IssueLabel only sends on.
   */
  wait: z.object({ shipBySeconds: z.number().check(z.int()).check(z.gte(1)) }),
});
export type PipelineInput = z.infer<typeof PipelineInputSchema>;

/**
 * The window of a run started at a later step, which IssueLabel only sends on to Route: far longer than
 * any invocation with its retries, so its time-out (which closes a return the buyer never shipped) can
 * never fire for it.
 */
export const SEND_ON_WINDOW_SECONDS = 86_400;

/** Where a run starts, and the ship-by window it enters IssueLabel with (SEND_ON_WINDOW_SECONDS unless at it). */
export const runStart = (
  resumeAt: ResumeAt,
  shipBySeconds = SEND_ON_WINDOW_SECONDS,
): Pick<PipelineInput, 'resumeAt' | 'wait'> => ({ resumeAt, wait: { shipBySeconds } });

/** What every task receives (the CDK Parameters pass these through). */
export const TaskInputSchema = z.object({
  sellerId: z.string(),
  returnId: z.string(),
  correlationId: z.string(),
});
export type TaskInput = z.infer<typeof TaskInputSchema>;

/** The payload of every waiting task: the task token arrives as `taskToken`. */
export const WaitingTaskInputSchema = z.extend(TaskInputSchema, {
  taskToken: z.string().check(z.minLength(1)),
});

/**
 * IssueLabel's payload: where the run starts, and the ship-by window its timeout runs on, which the
 * label's ship-by date repeats.
 */
export const IssueLabelInputSchema = z.extend(WaitingTaskInputSchema, {
  resumeAt: ResumeAtSchema,
  shipBySeconds: z.number().check(z.int()).check(z.gte(1)),
});

/** What IssueLabel goes on with once the parcel is delivered, at `$.delivery`. */
export interface IssueLabelResult {
  trackingNumber: string | null;
}

/**
 * What ComputeRefund goes on with at once, at `$.refund`, when the refund needs no approval (or has it
 * already); an approval resumes it with `{ approved: true }`.
 */
export interface ComputeRefundResult {
  refundId: string;
  requiresApproval: false;
}

/** RecordStepFailure's payload: the failed step (from a Pass) and the caught error. */
export const RecordStepFailureInputSchema = z.extend(TaskInputSchema, {
  failedStep: z.string(),
  error: z.object({ Error: z.string(), Cause: z.optional(z.string()) }),
});

/**
 * A task found its return closed or cancelled before it could act: there is nothing left for this run
 * to do. SendTaskFailure's error for a waiting task, or the thrown error; the definition catches it quietly.
 */
export class ReturnEndedError extends NamedError {}

/**
 * A waiting task's work is another state's: the SendTaskFailure error with which its handler sends the
 * run on, which the state's Catch routes. IssueLabel sends a run started at a later step to Route, which
 * jumps to that step; IssueRefund sends a refund that needs an approval, or a replacement instead, to
 * ComputeRefund. Never retried, and no Lambda error.
 */
export class SentOnError extends NamedError {}

/** The provider made the refund and then failed it: the return needs a person (see IssueRefund). */
export class RefundFailedError extends NamedError {}

/** A refund waited longer than its limit (settling at the provider, or to be paid by hand). */
export class RefundOverdueError extends NamedError {}

/** A task's input does not match its schema: the definition and the task disagree, and no retry mends that. */
export class TaskInputError extends NamedError {}

/** Errors no retry can fix, from their classes: the Retry of every task lists these with MaxAttempts 0. */
export const NON_RETRYABLE_ERRORS = [
  ValidationError.name,
  IllegalTransitionError.name,
  NotFoundError.name,
  TaskInputError.name,
  ReturnEndedError.name,
  SentOnError.name,
  PaymentDeclinedError.name,
  RefundFailedError.name,
  RefundOverdueError.name,
] as const;
