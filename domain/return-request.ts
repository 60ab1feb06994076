import * as z from './zod.js';
import { CountryCodeSchema } from './country-code.js';
import { MoneySchema } from './money.js';
import { MarketplaceSchema, marketplaceCurrency } from './marketplaces.js';
import { ReasonCodeSchema } from './reason-codes.js';
import { AddressSchema } from './address.js';
import { text } from './bounded-text.js';
import { ParcelDimensionsSchema, WeightSchema } from './parcel.js';
import { REQUEST_BUDGET_BYTES, budgetRule, jsonBytes } from './return-size.js';
import { ChannelSchema } from './deadlines/deadline.js';
import { PaymentReferenceSchema } from './payment-reference.js';

export { text };
const identifier = (maxLength: number) =>
  z
    .string()
    .check(z.minLength(1, 'must not be empty'))
    .check(z.maxLength(maxLength, `must be at most ${maxLength} characters`))
    .check(z.regex(/^[\w.:#/-]+$/, 'may contain only letters, digits and . _ : # / -'));

export const MAX_LINES = 100;

export const BuyerSchema = z.strictObject({
  email: z.email('must be an e-mail address').check(z.maxLength(254)),
  locale: z.optional(
    z
      .string()
      .check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en-US'))
      .check(z.maxLength(35)),
  ),
  country: CountryCodeSchema,
  name: z.optional(text(200)),
  /** Where the return label's parcel starts; a label bought through a label provider needs it. */
  address: z.optional(AddressSchema),
});
export type Buyer = z.infer<typeof BuyerSchema>;

export const ReturnLineSchema = z.strictObject({
  sku: identifier(64),
  category: identifier(64),
  title: z.optional(text(500)),
  quantity: z
    .number()
    .check(z.int('must be a whole number'))
    .check(z.gte(1, 'must be at least 1'))
    .check(z.lte(999, 'must be at most 999')),
  unitPrice: MoneySchema,
  tax: z.optional(MoneySchema).check(z.describe('tax paid on the whole line (all units)')),
  /** One unit's; the policy's defaults for the category stand in when absent (the label's parcel). */
  weight: z.optional(WeightSchema),
  dimensions: z.optional(ParcelDimensionsSchema),
});
export type ReturnLine = z.infer<typeof ReturnLineSchema>;

export const CreateReturnSchema = z
  .strictObject({
    orderId: identifier(64),
    marketplace: MarketplaceSchema,
    buyer: BuyerSchema,
    deliveredAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
    items: z
      .array(ReturnLineSchema)
      .check(z.minLength(1, 'must have at least one line'))
      .check(z.maxLength(MAX_LINES, `must have at most ${MAX_LINES} lines`)),
    reason: ReasonCodeSchema,
    comment: z.optional(text(2000)),
    originalShipping: z.optional(MoneySchema).check(z.describe('what the buyer paid for outbound shipping')),
    /** Where the buyer bought, whose rules set the seller's deadlines; the marketplace's default when absent. */
    channel: z
      .optional(ChannelSchema)
      .check(z.describe("the platform whose deadlines bind the seller; default the marketplace's")),
    requestedAt: z
      .optional(z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }))
      .check(z.describe('when the buyer asked, if before this request: deadlines run from it; default now')),
    payment: z
      .optional(PaymentReferenceSchema)
      .check(z.describe("the order's payment, which the refund goes back to")),
  })
  .check(
    z.superRefine((req, ctx) => {
      // One currency per return: the marketplace's.
      const expected = marketplaceCurrency(req.marketplace);
      const monies: Array<[PropertyKey[], { currency: string } | undefined]> = [
        [['originalShipping'], req.originalShipping],
        ...req.items.flatMap((line, i): Array<[PropertyKey[], { currency: string } | undefined]> => [
          [['items', i, 'unitPrice'], line.unitPrice],
          [['items', i, 'tax'], line.tax],
        ]),
      ];
      for (const [path, m] of monies) {
        if (m && m.currency !== expected) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'currency'],
            message: `must be ${expected}, the currency of marketplace ${req.marketplace}`,
          });
        }
      }
    }),
  )
  // Each field's own limit would allow more than the request's share of the return's item (return-size.ts).
  .check(
    z.refine(
      (req) => jsonBytes(req) <= REQUEST_BUDGET_BYTES,
      budgetRule('the request', REQUEST_BUDGET_BYTES),
    ),
  );
export type CreateReturnRequest = z.infer<typeof CreateReturnSchema>;
