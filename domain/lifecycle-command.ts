import { z } from 'zod';
import { ClosureReasonSchema, ConcessionSchema, InventoryAdjustmentSchema, LabelSchema } from './return.js';
import { ReturnAddressSchema } from './policy.js';
import { InspectionSchema } from './inspection.js';
import { RefundSchema, RefundStatusSchema } from './refund.js';
import { TRACKING_STATUSES } from './lifecycle-tracking.js';

/**
 * The commands and events that move a return through its lifecycle (DESIGN.md §4). Defined as a zod
 * schema so that a command arriving from the pipeline or a queue can be checked at the edge; the type is
 * inferred from it.
 */
const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape }).strict();

export const LifecycleCommandSchema = z.discriminatedUnion('type', [
  /** AUTHORIZATION_REQUIRED -> AUTHORIZED. `returnless` is OR-ed into the return's flag. */
  command('AUTHORIZE', { returnless: z.boolean().optional(), returnAddress: ReturnAddressSchema.optional() }),
  /** The seller closes the request; the comment is e-mailed to the buyer. */
  command('CLOSE', { reason: ClosureReasonSchema, comment: z.string().max(2000).optional() }),
  /** The buyer cancels their own request. */
  command('CANCEL', { comment: z.string().max(2000).optional() }),
  /**
   * The pipeline's IssueLabel step: the label goes on the return (from AUTHORIZED), and the step's task
   * token with it, where the carrier's delivery finds it. A resumed run, whose label stands, brings only
   * its new token.
   */
  command('ISSUE_LABEL', { label: LabelSchema.optional(), taskToken: z.string().min(1).optional() }),
  /** A carrier event; may arrive twice and out of order. */
  command('TRACKING_EVENT', {
    status: z.enum(TRACKING_STATUSES),
    eventId: z.string().min(1),
    occurredAt: z.string(),
  }),
  /** The pipeline's CloseUnshipped step: the buyer did not ship before the label's ship-by date. */
  command('CLOSE_UNSHIPPED', {}),
  /** The pipeline's AwaitInspection step waits for the warehouse; the inspection result resumes it. */
  command('AWAIT_INSPECTION', { taskToken: z.string().min(1) }),
  command('RECORD_INSPECTION', { inspection: InspectionSchema }),
  /**
   * The pipeline's ComputeRefund step: the refund goes on the return, and, when it needs a person's
   * approval, the step's task token with it, where approve and reject find it. A resumed run waiting for
   * the approval brings only its new token.
   */
  command('COMPUTE_REFUND', { refund: RefundSchema.optional(), taskToken: z.string().min(1).optional() }),
  command('APPROVE_REFUND', {}),
  command('REJECT_REFUND', { reason: z.string().max(2000) }),
  /** The pipeline's IssueRefund step: the payment provider's word on the refund; `error` says why it FAILED. */
  command('ISSUE_REFUND', {
    status: RefundStatusSchema,
    providerRef: z.string().optional(),
    error: z.string().optional(),
  }),
  command('APPLY_DISPOSITION', { adjustments: z.array(InventoryAdjustmentSchema) }),
  /** The pipeline's RecordStepFailure step: a step failed after its retries. */
  command('RECORD_STEP_FAILURE', { step: z.string().min(1), error: z.string() }),
  /** A human resumes a return from NEEDS_ATTENTION. */
  command('RETRY', {}),
  command('ADD_CONCESSION', { concession: ConcessionSchema }),
  /** The payment provider's word on a concession. */
  command('CONCESSION_STATUS', {
    concessionId: z.string().min(1),
    status: RefundStatusSchema,
    providerRef: z.string().optional(),
    error: z.string().optional(),
  }),
]);
export type LifecycleCommand = z.infer<typeof LifecycleCommandSchema>;
export type LifecycleCommandType = LifecycleCommand['type'];

/** Every command type, in the order the lifecycle usually meets them. */
export const LIFECYCLE_COMMAND_TYPES = LifecycleCommandSchema.options.map(
  (o) => o.shape.type.value,
) as readonly LifecycleCommandType[];
