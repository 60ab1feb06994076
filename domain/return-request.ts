import { z } from 'zod';
import { MoneySchema } from './money.js';
import { MarketplaceSchema, marketplaceCurrency } from './marketplaces.js';
import { ReasonCodeSchema } from './reason-codes.js';

/** Free text from buyers and integrations: bounded, stored and echoed verbatim, never interpreted. */
export const text = (maxLength: number) =>
  z.string().max(maxLength, `must be at most ${maxLength} characters`);
const identifier = (maxLength: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(maxLength, `must be at most ${maxLength} characters`)
    .regex(/^[\w.:#/-]+$/, 'may contain only letters, digits and . _ : # / -');

export const MAX_LINES = 100;

export const BuyerSchema = z
  .object({
    email: z.email('must be an e-mail address').max(254),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en-US')
      .max(35)
      .optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code'),
    name: text(200).optional(),
  })
  .strict();
export type Buyer = z.infer<typeof BuyerSchema>;

export const ReturnLineSchema = z
  .object({
    sku: identifier(64),
    category: identifier(64),
    title: text(500).optional(),
    quantity: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(999, 'must be at most 999'),
    unitPrice: MoneySchema,
    tax: MoneySchema.optional().describe('tax paid on the whole line (all units)'),
  })
  .strict();
export type ReturnLine = z.infer<typeof ReturnLineSchema>;

export const CreateReturnSchema = z
  .object({
    orderId: identifier(64),
    marketplace: MarketplaceSchema,
    buyer: BuyerSchema,
    deliveredAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
    items: z
      .array(ReturnLineSchema)
      .min(1, 'must have at least one line')
      .max(MAX_LINES, `must have at most ${MAX_LINES} lines`),
    reason: ReasonCodeSchema,
    comment: text(2000).optional(),
    originalShipping: MoneySchema.optional().describe('what the buyer paid for outbound shipping'),
  })
  .strict()
  .superRefine((req, ctx) => {
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
  });
export type CreateReturnRequest = z.infer<typeof CreateReturnSchema>;
