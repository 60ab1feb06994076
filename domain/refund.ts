import * as z from './zod.js';
import { MoneySchema } from './money.js';

export const REFUND_STATUSES = ['SUBMITTED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'] as const;
export const RefundStatusSchema = z.enum(REFUND_STATUSES);
export type RefundStatus = z.infer<typeof RefundStatusSchema>;

/** One line of a refund breakdown. Credits add to the refund; debits (fees, deductions) take from it. */
export const BreakdownLineSchema = z.object({
  kind: z.enum(['ITEM', 'TAX', 'ORIGINAL_SHIPPING', 'RETURN_SHIPPING', 'RESTOCKING_FEE', 'DEDUCTION', 'CAP']),
  /** The SKU the line belongs to, where it belongs to one. */
  sku: z.optional(z.string()),
  /** Signed minor units: positive credits the buyer, negative debits. */
  amount: z.number().check(z.int()),
  currency: MoneySchema.shape.currency,
  /** Why this line is here, in words a seller can show a buyer. */
  explanation: z.string(),
});
export type BreakdownLine = z.infer<typeof BreakdownLineSchema>;

export const RefundSchema = z.object({
  refundId: z.string(),
  status: RefundStatusSchema,
  amount: MoneySchema,
  breakdown: z.array(BreakdownLineSchema),
  requiresApproval: z.boolean(),
  computedAt: z.string(),
  providerRef: z.optional(z.string()),
  /** How it is paid: through the seller's Stripe connection, or by the seller by hand (manual payout). */
  method: z.optional(z.enum(['STRIPE', 'MANUAL'])),
  /** Which payment attempt this is (1 when absent): a refund paid again after it failed is a new attempt. */
  attempt: z.optional(z.number().check(z.int()).check(z.gte(1))),
  /** Why the provider failed it (Stripe's `failure_reason`, or the error it refused it with). */
  failureReason: z.optional(z.string()),
  /** A manual payout, as the seller marked it paid. */
  payout: z.optional(z.object({ reference: z.string(), paidAt: z.string() })),
});
export type Refund = z.infer<typeof RefundSchema>;

/**
 * The payment provider's idempotency key of the refund's current attempt, derived from the return:
 * `<returnId>-refund` first, then `<returnId>-refund-2`, ... for a refund paid again after it failed (a
 * key that failed answers its failure forever, as Stripe replays it).
 */
export const paymentKeyOf = (refund: Pick<Refund, 'refundId' | 'attempt'>): string =>
  (refund.attempt ?? 1) === 1 ? refund.refundId : `${refund.refundId}-${refund.attempt}`;
