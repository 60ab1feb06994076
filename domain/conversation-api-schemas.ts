import * as z from './zod.js';
import { MoneySchema } from './money.js';
import { text } from './bounded-text.js';
import { MAX_MESSAGE_LENGTH, MAX_OFFER_MESSAGE_LENGTH, MessageSenderSchema } from './conversation.js';
import { ReturnIdParamsSchema } from './api-schemas.js';

const notBlank = (max: number) => text(max).check(z.refine((t) => t.trim() !== '', 'must not be blank'));

/** `POST /v1/returns/{id}/messages`: a seller's message, or a buyer's relayed by the storefront. */
export const MessageBodySchema = z.strictObject({
  body: notBlank(MAX_MESSAGE_LENGTH),
  from: MessageSenderSchema,
});

/** `POST /v1/returns/{id}/offers`: a partial refund in full settlement, in the return's currency. */
export const OfferBodySchema = z.strictObject({
  amount: MoneySchema.check(
    z.refine((m) => m.amount > 0, { message: 'must be more than zero', path: ['amount'] }),
  ),
  keepItem: z.boolean(),
  message: text(MAX_OFFER_MESSAGE_LENGTH),
  expiresAt: z.optional(z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' })),
});

/** Offer ids are the return's id, `-offer-` and 26 characters. */
export const OfferParamsSchema = z.strictObject({
  ...ReturnIdParamsSchema.shape,
  offerId: z
    .string()
    .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}-offer-[0-9A-Za-z]{26}$/, 'must be an offer id of this API')),
});
