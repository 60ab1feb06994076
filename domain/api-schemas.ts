import * as z from './zod.js';
import { PolicySchema, ReturnAddressSchema } from './policy.js';
import { marketplaceCurrency } from './marketplaces.js';
import { CreateReturnSchema, text } from './return-request.js';
import { StatusSchema } from './return.js';
import { InspectionSchema } from './inspection.js';
import { MoneySchema } from './money.js';
import { ResolutionSchema } from './replacement.js';

/** Return ids are ULIDs. */
export const ReturnIdParamsSchema = z.strictObject({
  id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a return id (26-character ULID)')),
});

/**
 * The listing's narrowing filters; a list takes at most one of them. The deadline filters (`dueBefore`,
 * `overdue`) read another index, sorted by deadline, and count as one filter: they combine with each
 * other, not with these.
 */
const LIST_FILTERS = ['status', 'orderId', 'rma'] as const;
const DEADLINE_FILTERS = ['dueBefore', 'overdue'] as const;

/** A listing's `?limit=`: 1 to 100 items a page, `fallback` when absent. */
export const pageLimit = (fallback: number) =>
  z._default(
    z.coerce
      .number()
      .check(z.int('must be a whole number'))
      .check(z.gte(1, 'must be at least 1'))
      .check(z.lte(100, 'must be at most 100')),
    fallback,
  );

export const ListReturnsQuerySchema = z
  .strictObject({
    status: z.optional(StatusSchema),
    orderId: z
      .optional(CreateReturnSchema.shape.orderId)
      .check(z.describe("the seller's returns for this order; not with status or rma")),
    rma: z
      .optional(
        z.string().check(z.regex(/^RMA-[0-9A-Z]{5}-[0-9A-Z]{5}$/, 'must be an RMA number (RMA-XXXXX-XXXXX)')),
      )
      .check(z.describe('the return with this RMA number; not with status or orderId')),
    dueBefore: z
      .optional(z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset' }))
      .check(z.describe('returns whose next deadline is before this instant, soonest first')),
    overdue: z
      .optional(
        z.pipe(
          z.enum(['true', 'false'], { message: 'must be true or false' }),
          z.transform((v) => v === 'true'),
        ),
      )
      .check(
        z.describe('true: returns whose next deadline has passed; false: those still ahead; soonest first'),
      ),
    cursor: z.optional(z.string().check(z.maxLength(2048, 'must be at most 2048 characters'))),
    limit: pageLimit(25),
  })
  .check(
    z.superRefine((query, ctx) => {
      const byDeadline = DEADLINE_FILTERS.filter((name) => query[name] !== undefined);
      const given = [...LIST_FILTERS.filter((name) => query[name] !== undefined), ...byDeadline.slice(0, 1)];
      for (const name of given.slice(1)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `must not be combined with ${given[0]}: give at most one of ${LIST_FILTERS.join(', ')} or the deadline filters (${DEADLINE_FILTERS.join(', ')})`,
        });
      }
    }),
  );

export const AuthorizeBodySchema = z.strictObject({
  /** Refund without asking for the item back. */
  returnless: z.optional(z.boolean()),
  /** Overrides the policy's first return address for this return. */
  returnAddress: z.optional(ReturnAddressSchema),
  /** REFUND (the default), or REPLACE: send the same goods again instead (seller-fault reasons only). */
  resolution: z.optional(ResolutionSchema),
});

/** The closure reasons a seller may choose; the system's own (buyer did not ship, refund rejected) are not. */
export const SellerClosureReasonSchema = z.enum([
  'REFUND_WITHOUT_RETURN',
  'OUTSIDE_RETURN_WINDOW',
  'OUTSIDE_POLICY',
  'OTHER',
]);

export const CloseBodySchema = z
  .strictObject({ reason: SellerClosureReasonSchema, comment: z.optional(text(2000)) })
  .check(
    z.refine((body) => body.reason !== 'OTHER' || (body.comment ?? '').trim() !== '', {
      path: ['comment'],
      message: 'is required when reason is OTHER, so the buyer learns why',
    }),
  );

export const CancelBodySchema = z.strictObject({ comment: z.optional(text(2000)) });

/** A policy as a seller sends it: every amount in the marketplace's currency. */
export const PolicyBodySchema = PolicySchema.check(
  z.superRefine((policy, ctx) => {
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
  }),
);

/** `POST /v1/returns/{id}/inspection`: the inspection as the warehouse's message carries it. */
export const InspectionBodySchema = InspectionSchema;

/** `POST /v1/returns/{id}/refund/reject`: why, in words the buyer is e-mailed. */
export const RejectRefundBodySchema = z.strictObject({
  reason: text(2000).check(z.refine((r) => r.trim() !== '', 'must not be blank')),
});

/** `POST /v1/returns/{id}/concessions`: a goodwill credit, in the return's currency. */
export const ConcessionBodySchema = z.strictObject({
  amount: MoneySchema.check(
    z.refine((m) => m.amount > 0, { message: 'must be more than zero', path: ['amount'] }),
  ),
  reason: text(500).check(z.refine((r) => r.trim() !== '', 'must not be blank')),
});

/** `POST /v1/returns/{id}/refund/mark-paid`: the seller paid the refund by hand. */
export const MarkPaidBodySchema = z.strictObject({
  /** The marketplace's refund id, the bank transfer's reference: whatever finds the payment again. */
  reference: text(200).check(z.minLength(1, 'must not be empty')),
  paidAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
});
