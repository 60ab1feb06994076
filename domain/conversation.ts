import * as z from './zod.js';
import { MoneySchema } from './money.js';
import { text } from './bounded-text.js';

/**
 * The seller's conversation with the buyer on a return (docs/design.md "Messages and offers"): a thread of
 * plain-text messages, and partial-refund offers the buyer accepts or declines. Both live on the return
 * item, each within its own share of the item's size (return-size.ts).
 */

/** A message's body: plain text, shown verbatim in mails and escaped in every page. */
export const MAX_MESSAGE_LENGTH = 2000;
/** Per return, seller and buyer together, in any rolling hour. */
export const MESSAGES_PER_HOUR = 10;
/** An offer's note to the buyer. */
export const MAX_OFFER_MESSAGE_LENGTH = 500;
/** Offers made on one return, over its life (answered ones included: they are its history). */
export const MAX_OFFERS = 5;
/** An offer stands this long unless the seller says otherwise, and at most MAX_OFFER_DAYS. */
export const DEFAULT_OFFER_DAYS = 7;
export const MAX_OFFER_DAYS = 30;
/** How long a reply link in a seller's message works. */
export const REPLY_LINK_DAYS = 30;

export const MessageSenderSchema = z.enum(['SELLER', 'BUYER']);
export type MessageSender = z.infer<typeof MessageSenderSchema>;

export const MessageSchema = z.object({
  messageId: z.string(),
  from: MessageSenderSchema,
  body: text(MAX_MESSAGE_LENGTH),
  at: z.string(),
  /** How a buyer's message came: relayed by the storefront (API) or through a reply link in a mail. */
  via: z.enum(['API', 'REPLY_LINK']),
  /** A buyer's answer through a reply link: the seller's message it answers (each link answers once). */
  replyTo: z.optional(z.string()),
  /** A seller's message: the nonce its reply link is bound to. */
  linkNonce: z.optional(z.string()),
});
export type Message = z.infer<typeof MessageSchema>;

export const OFFER_STATUSES = ['OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED'] as const;
export const OfferStatusSchema = z.enum(OFFER_STATUSES);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;

export const OfferSchema = z.object({
  offerId: z.string(),
  /** What the buyer is refunded in full settlement if they accept; capped when the refund is computed. */
  amount: MoneySchema,
  /** The buyer keeps the item: an accepted offer runs as a returnless refund. */
  keepItem: z.boolean(),
  message: text(MAX_OFFER_MESSAGE_LENGTH),
  status: OfferStatusSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  /** The nonce its accept and decline links are bound to. */
  linkNonce: z.string(),
  answeredAt: z.optional(z.string()),
  /** Who answered: the buyer through a link, the storefront for them, the seller (withdrew), the clock. */
  answeredVia: z.optional(z.enum(['LINK', 'API', 'SELLER', 'EXPIRY'])),
});
export type Offer = z.infer<typeof OfferSchema>;

/** The return's open offer, if any: at most one is open at a time. */
export const openOfferOf = (ret: { offers?: readonly Offer[] }): Offer | undefined =>
  ret.offers?.find((o) => o.status === 'OPEN');

/** The offer the buyer accepted, if any: it settles the refund (negotiated-refund.ts). */
export const acceptedOfferOf = (ret: { offers?: readonly Offer[] }): Offer | undefined =>
  ret.offers?.find((o) => o.status === 'ACCEPTED');
