import * as z from './zod.js';
import {
  ClosureReasonSchema,
  ConcessionSchema,
  InventoryAdjustmentSchema,
  LabelOrderSchema,
  LabelSchema,
  LabelVoidSchema,
} from './return.js';
import { ReturnAddressSchema } from './policy.js';
import { InspectionSchema } from './inspection.js';
import { RefundSchema, RefundStatusSchema } from './refund.js';
import { TRACKING_STATUSES } from './lifecycle-tracking.js';

/**
 * The commands and events that move a return through its lifecycle (docs/design.md §4). Defined as a zod
 * schema so that a command arriving from the pipeline or a queue can be checked at the edge; the type is
 * inferred from it.
 */
const command = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });

export const LifecycleCommandSchema = z.discriminatedUnion('type', [
  /** AUTHORIZATION_REQUIRED -> AUTHORIZED. `returnless` is OR-ed into the return's flag. */
  command('AUTHORIZE', {
    returnless: z.optional(z.boolean()),
    returnAddress: z.optional(ReturnAddressSchema),
  }),
  /** The seller closes the request; the comment is e-mailed to the buyer. */
  command('CLOSE', { reason: ClosureReasonSchema, comment: z.optional(z.string().check(z.maxLength(2000))) }),
  /** The buyer cancels their own request. */
  command('CANCEL', { comment: z.optional(z.string().check(z.maxLength(2000))) }),
  /**
   * The pipeline's IssueLabel step: the label goes on the return (from AUTHORIZED), and the step's task
   * token with it, where the carrier's delivery finds it. A resumed run, whose label stands, brings only
   * its new token.
   */
  command('ISSUE_LABEL', {
    label: z.optional(LabelSchema),
    taskToken: z.optional(z.string().check(z.minLength(1))),
  }),
  /** IssueLabel records the shipment it will buy, before buying it, so a retry buys that one again. */
  command('ORDER_LABEL', { order: LabelOrderSchema }),
  /** The outcome of voiding the label of a return that ended before the carrier scanned the parcel. */
  command('VOID_LABEL', { void: LabelVoidSchema }),
  /** A carrier event; may arrive twice and out of order. */
  command('TRACKING_EVENT', {
    status: z.enum(TRACKING_STATUSES),
    eventId: z.string().check(z.minLength(1)),
    occurredAt: z.string(),
  }),
  /** The pipeline's CloseUnshipped step: the buyer did not ship before the label's ship-by date. */
  command('CLOSE_UNSHIPPED', {}),
  /** The pipeline's AwaitInspection step waits for the warehouse; the inspection result resumes it. */
  command('AWAIT_INSPECTION', { taskToken: z.string().check(z.minLength(1)) }),
  command('RECORD_INSPECTION', { inspection: InspectionSchema }),
  /**
   * The pipeline's ComputeRefund step: the refund goes on the return, and, when it needs a person's
   * approval, the step's task token with it, where approve and reject find it. A resumed run waiting for
   * the approval brings only its new token.
   */
  command('COMPUTE_REFUND', {
    refund: z.optional(RefundSchema),
    taskToken: z.optional(z.string().check(z.minLength(1))),
  }),
  command('APPROVE_REFUND', {}),
  command('REJECT_REFUND', { reason: z.string().check(z.maxLength(2000)) }),
  /**
   * The pipeline's IssueRefund step: the payment provider's word on the refund; `error` says why it
   * FAILED. A refund still settling keeps the step's token on the return, where its event finds it.
   */
  command('ISSUE_REFUND', {
    status: RefundStatusSchema,
    providerRef: z.optional(z.string()),
    error: z.optional(z.string()),
    method: z.optional(z.enum(['STRIPE', 'MANUAL'])),
    taskToken: z.optional(z.string().check(z.minLength(1))),
  }),
  /** IssueRefund found no provider to pay it: the seller pays by hand, and the run waits (its token kept). */
  command('AWAIT_PAYOUT', { taskToken: z.string().check(z.minLength(1)) }),
  /** The seller paid the refund by hand (a marketplace refund, a bank transfer). */
  command('MARK_PAID', {
    reference: z.string().check(z.minLength(1)).check(z.maxLength(200)),
    paidAt: z.string(),
  }),
  /** The payment provider's event about a refund it made (Stripe's refund.created, .updated, .failed). */
  command('REFUND_EVENT', {
    eventId: z.string().check(z.minLength(1)),
    /** The idempotency key the refund was made under: which attempt it belongs to. */
    paymentKey: z.string().check(z.minLength(1)),
    providerRef: z.string().check(z.minLength(1)),
    status: z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED']),
    failureReason: z.optional(z.string()),
  }),
  /** The seller was reminded of a refund still to be paid by hand. */
  command('REFUND_REMINDER', {}),
  command('APPLY_DISPOSITION', { adjustments: z.array(InventoryAdjustmentSchema) }),
  /** The pipeline's RecordStepFailure step: a step failed after its retries. */
  command('RECORD_STEP_FAILURE', { step: z.string().check(z.minLength(1)), error: z.string() }),
  /** A human resumes a return from NEEDS_ATTENTION. */
  command('RETRY', {}),
  command('ADD_CONCESSION', { concession: ConcessionSchema }),
  /** The payment provider's word on a concession. */
  command('CONCESSION_STATUS', {
    concessionId: z.string().check(z.minLength(1)),
    status: RefundStatusSchema,
    providerRef: z.optional(z.string()),
    error: z.optional(z.string()),
  }),
  /** The deadline sweeper reminded the seller of the return's next deadline, named by its rule and date. */
  command('REMIND_DEADLINE', { rule: z.string().check(z.minLength(1)), dueAt: z.string() }),
  /** The deadline sweeper found the return's next deadline passed. */
  command('MARK_OVERDUE', { rule: z.string().check(z.minLength(1)), dueAt: z.string() }),
]);
export type LifecycleCommand = z.infer<typeof LifecycleCommandSchema>;
export type LifecycleCommandType = LifecycleCommand['type'];

/** Every command type, in the order the lifecycle usually meets them. */
export const LIFECYCLE_COMMAND_TYPES = LifecycleCommandSchema.def.options.map(
  (o) => o.shape.type.def.values[0],
) as readonly LifecycleCommandType[];
