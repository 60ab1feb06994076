import * as z from '../../domain/zod.js';

/**
 * The pipeline's contract, shared by the CDK definition, the task handlers and the local runner:
 * state names (the local runner binds tasks by them) and the shape of the execution's input.
 */
export const PIPELINE_STATES = {
  /** Choice: where a run starts; a resumed run jumps to `resumeAt`. */
  route: 'Route',
  issueLabel: 'IssueLabel',
  /** `.waitForTaskToken`: the handler stores the token; the carrier webhook resumes it on DELIVERED. */
  waitForCarrier: 'WaitForCarrier',
  /** Reached when WaitForCarrier times out: the buyer never shipped. */
  closeUnshipped: 'CloseUnshipped',
  /** `.waitForTaskToken`: the handler stores the token and mails the buyer that the parcel arrived; the inspection consumer resumes it. */
  waitForInspection: 'WaitForInspection',
  /** Computes and records the refund; returnless runs start here. */
  computeRefund: 'ComputeRefund',
  /** Choice on `$.refund.requiresApproval`. */
  needsApproval: 'NeedsApproval',
  /** `.waitForTaskToken`: the handler stores the token and mails the seller; approve or reject resumes it. */
  waitForApproval: 'WaitForApproval',
  /** Pays the refund through the payment port, keyed by the return; mails the buyer the breakdown. */
  issueRefund: 'IssueRefund',
  /** Records the inventory adjustments; the return is COMPLETED. */
  applyDisposition: 'ApplyDisposition',
  /** Every Catch leads here (through a Pass that names the failed step). */
  recordNeedsAttention: 'RecordNeedsAttention',
  completed: 'Completed',
  /** The return was closed or cancelled while the run waited: it ends quietly. */
  ended: 'Ended',
  needsAttention: 'NeedsAttention',
} as const;

/** The task states bound to handler modules, with the module each runs. */
export const PIPELINE_TASKS = {
  IssueLabel: 'functions/pipeline/issue-label.ts',
  WaitForCarrier: 'functions/pipeline/wait-for-carrier.ts',
  CloseUnshipped: 'functions/pipeline/close-unshipped.ts',
  WaitForInspection: 'functions/pipeline/wait-for-inspection.ts',
  ComputeRefund: 'functions/pipeline/compute-refund.ts',
  WaitForApproval: 'functions/pipeline/wait-for-approval.ts',
  IssueRefund: 'functions/pipeline/issue-refund.ts',
  ApplyDisposition: 'functions/pipeline/apply-disposition.ts',
  RecordNeedsAttention: 'functions/pipeline/record-needs-attention.ts',
} as const satisfies Record<string, string>;
export type PipelineTaskName = keyof typeof PIPELINE_TASKS;

/**
 * States a run may start at other than the label: after a restart of the local runner, on a seller's
 * retry, and for a returnless refund (ComputeRefund).
 */
export const ResumeAtSchema = z.enum([
  'IssueLabel',
  'WaitForCarrier',
  'WaitForInspection',
  'ComputeRefund',
  'WaitForApproval',
  'IssueRefund',
  'ApplyDisposition',
]);
export type ResumeAt = z.infer<typeof ResumeAtSchema>;

/** The states that wait for a callback with a task token (`.waitForTaskToken`). */
export const WAITING_STATES = ['WaitForCarrier', 'WaitForInspection', 'WaitForApproval'] as const;

/** How long a run waits for the warehouse, and for a person to approve a refund, before it needs attention. */
export const INSPECTION_WAIT_SECONDS = 30 * 24 * 3600;
export const APPROVAL_WAIT_SECONDS = 14 * 24 * 3600;

export const PipelineInputSchema = z.object({
  sellerId: z.string(),
  returnId: z.string(),
  /** Ties logs from the API request to every step of the run. */
  correlationId: z.string(),
  resumeAt: z.optional(ResumeAtSchema),
  /** Present when resuming at WaitForCarrier: what is left of the ship-by window. */
  wait: z.optional(z.object({ shipBySeconds: z.number().check(z.int()).check(z.gte(1)) })),
});
export type PipelineInput = z.infer<typeof PipelineInputSchema>;

/** What every task receives (the CDK Parameters pass these through). */
export const TaskInputSchema = z.object({
  sellerId: z.string(),
  returnId: z.string(),
  correlationId: z.string(),
});
export type TaskInput = z.infer<typeof TaskInputSchema>;

/** IssueLabel's result, at `$.wait`: WaitForCarrier's TimeoutSecondsPath reads `$.wait.shipBySeconds`. */
export interface IssueLabelResult {
  shipBySeconds: number;
  trackingNumber: string;
}

/** The payload of every waiting task: the task token arrives as `taskToken`. */
export const WaitingTaskInputSchema = z.extend(TaskInputSchema, {
  taskToken: z.string().check(z.minLength(1)),
});

/** ComputeRefund's result, at `$.refund`: NeedsApproval reads `$.refund.requiresApproval`. */
export interface ComputeRefundResult {
  refundId: string;
  requiresApproval: boolean;
}

/** RecordNeedsAttention's payload: the failed step (from a Pass) and the caught error. */
export const RecordNeedsAttentionInputSchema = z.extend(TaskInputSchema, {
  failedStep: z.string(),
  error: z.object({ Error: z.string(), Cause: z.optional(z.string()) }),
});

/**
 * The error a task ends with when its return has ended (closed or cancelled) before the task could act:
 * SendTaskFailure's error for a waiting task, or the thrown error's name. The definition catches it quietly.
 */
export const RETURN_ENDED_ERROR = 'ReturnEnded';

/** A task found its return closed or cancelled: there is nothing left for this run to do. */
export class ReturnEndedError extends Error {
  override readonly name = RETURN_ENDED_ERROR;
}

/** Errors no retry can fix: the Retry of every task lists these with MaxAttempts 0. */
export const NON_RETRYABLE_ERRORS = [
  'ValidationError',
  'IllegalTransitionError',
  'NotFoundError',
  'ZodError',
  'ReturnEnded',
  'PaymentDeclined',
] as const;
