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
});
export type Refund = z.infer<typeof RefundSchema>;
