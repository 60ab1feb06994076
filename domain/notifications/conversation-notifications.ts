import * as z from '../zod.js';
import { MoneySchema } from '../money.js';
import { MAX_MESSAGE_LENGTH, MAX_OFFER_MESSAGE_LENGTH } from '../conversation.js';

/**
 * The mails of the conversation with the buyer (domain/conversation.ts). The links are signed buyer
 * links (domain/link-token.ts), made by the use case; the renderer only shows them.
 */
const required = z.string().check(z.minLength(1));
const link = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
const sellerName = z.optional(z.string().check(z.maxLength(200)));

/** A seller's message, to the buyer, with the link to answer it. */
export const MessageToBuyerSchema = z.object({
  kind: z.literal('MESSAGE_TO_BUYER'),
  rma: required,
  sellerName,
  body: z.string().check(z.maxLength(MAX_MESSAGE_LENGTH)),
  replyUrl: link,
  /** When the reply link stops working. */
  replyBy: z.iso.datetime({ offset: true }),
});

/** A buyer's message (a reply through a link, or relayed by the storefront), to the seller. */
export const MessageToSellerSchema = z.object({
  kind: z.literal('MESSAGE_TO_SELLER'),
  rma: required,
  returnId: required,
  body: z.string().check(z.maxLength(MAX_MESSAGE_LENGTH)),
});

/** A seller's partial-refund offer, to the buyer, with its accept and decline links. */
export const OfferMadeSchema = z.object({
  kind: z.literal('OFFER_MADE'),
  rma: required,
  sellerName,
  amount: MoneySchema,
  keepItem: z.boolean(),
  message: z.string().check(z.maxLength(MAX_OFFER_MESSAGE_LENGTH)),
  expiresAt: z.iso.datetime({ offset: true }),
  acceptUrl: link,
  declineUrl: link,
});

/** An open offer the seller took back, to the buyer: its links no longer work. */
export const OfferWithdrawnSchema = z.object({
  kind: z.literal('OFFER_WITHDRAWN'),
  rma: required,
  sellerName,
  amount: MoneySchema,
});

export const OFFER_ANSWERS = ['ACCEPTED', 'DECLINED', 'EXPIRED'] as const;

/** What became of an offer, to the seller. */
export const OfferAnsweredSchema = z.object({
  kind: z.literal('OFFER_ANSWERED'),
  rma: required,
  returnId: required,
  amount: MoneySchema,
  keepItem: z.boolean(),
  answer: z.enum(OFFER_ANSWERS),
});
