import { z } from 'zod';
import { PolicySchema, ReturnAddressSchema } from './policy.js';
import { marketplaceCurrency } from './marketplaces.js';
import { CreateReturnSchema, text } from './return-request.js';
import { StatusSchema } from './return.js';
import { InspectionSchema } from './inspection.js';
import { MoneySchema } from './money.js';

/** Return ids are ULIDs. */
export const ReturnIdParamsSchema = z
  .object({ id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a return id (26-character ULID)') })
  .strict();

/** The listing's narrowing filters; a list takes at most one of them. */
const LIST_FILTERS = ['status', 'orderId', 'rma'] as const;

export const ListReturnsQuerySchema = z
  .object({
    status: StatusSchema.optional(),
    orderId: CreateReturnSchema.shape.orderId
      .optional()
      .describe("the seller's returns for this order; not with status or rma"),
    rma: z
      .string()
      .regex(/^RMA-[0-9A-Z]{5}-[0-9A-Z]{5}$/, 'must be an RMA number (RMA-XXXXX-XXXXX)')
      .optional()
      .describe('the return with this RMA number; not with status or orderId'),
    cursor: z.string().max(2048, 'must be at most 2048 characters').optional(),
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(25),
  })
  .strict()
  .superRefine((query, ctx) => {
    const given = LIST_FILTERS.filter((name) => query[name] !== undefined);
    for (const name of given.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `must not be combined with ${given[0]}: give at most one of ${LIST_FILTERS.join(', ')}`,
      });
    }
  });

export const AuthorizeBodySchema = z
  .object({
    /** Refund without asking for the item back. */
    returnless: z.boolean().optional(),
    /** Overrides the policy's first return address for this return. */
    returnAddress: ReturnAddressSchema.optional(),
  })
  .strict();

/** The closure reasons a seller may choose; the system's own (buyer did not ship, refund rejected) are not. */
export const SellerClosureReasonSchema = z.enum([
  'REFUND_WITHOUT_RETURN',
  'OUTSIDE_RETURN_WINDOW',
  'OUTSIDE_POLICY',
  'OTHER',
]);

export const CloseBodySchema = z
  .object({ reason: SellerClosureReasonSchema, comment: text(2000).optional() })
  .strict()
  .refine((body) => body.reason !== 'OTHER' || (body.comment ?? '').trim() !== '', {
    path: ['comment'],
    message: 'is required when reason is OTHER, so the buyer learns why',
  });

export const CancelBodySchema = z.object({ comment: text(2000).optional() }).strict();

/** A policy as a seller sends it: every amount in the marketplace's currency. */
export const PolicyBodySchema = PolicySchema.superRefine((policy, ctx) => {
  const expected = marketplaceCurrency(policy.marketplace);
  const amounts: Array<[string[], { currency: string } | undefined]> = [
    [['returnless', 'valueUnder'], policy.returnless.valueUnder],
    [['returnless', 'estimatedReturnCost'], policy.returnless.estimatedReturnCost],
    [['highValueApprovalThreshold'], policy.highValueApprovalThreshold],
  ];
  for (const [path, amount] of amounts) {
    if (amount && amount.currency !== expected) {
      ctx.addIssue({ code: 'custom', path: [...path, 'currency'], message: `must be ${expected}` });
    }
  }
});

/** `POST /v1/returns/{id}/inspection`: the inspection as the warehouse's message carries it. */
export const InspectionBodySchema = InspectionSchema;

/** `POST /v1/returns/{id}/refund/reject`: why, in words the buyer is e-mailed. */
export const RejectRefundBodySchema = z
  .object({ reason: text(2000).refine((r) => r.trim() !== '', 'must not be blank') })
  .strict();

/** `POST /v1/returns/{id}/concessions`: a goodwill credit, in the return's currency. */
export const ConcessionBodySchema = z
  .object({
    amount: MoneySchema.refine((m) => m.amount > 0, { message: 'must be more than zero', path: ['amount'] }),
    reason: text(500).refine((r) => r.trim() !== '', 'must not be blank'),
  })
  .strict();
