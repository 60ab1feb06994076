import * as z from './zod.js';
import { MoneySchema } from './money.js';
import { NotAnswerableError } from './errors.js';
import type { Message, Offer } from './conversation.js';
import type { Return } from './return.js';

/**
 * What a buyer's link grants: exactly one action on one target of one return, until it expires
 * (docs/design.md "Buyer links"). The claims are signed, not secret: the buyer's own mail shows them.
 *
 * - `OFFER_ACCEPT` / `OFFER_DECLINE`: answer offer `target`, of exactly `amount`;
 * - `MESSAGE_REPLY`: answer the seller's message `target`, once.
 * `nonce` is the one stored on the offer or message when the link was minted, so a link works only for
 * the very record it was minted for.
 */
export const LINK_PURPOSES = ['OFFER_ACCEPT', 'OFFER_DECLINE', 'MESSAGE_REPLY'] as const;
export const LinkPurposeSchema = z.enum(LINK_PURPOSES);
export type LinkPurpose = z.infer<typeof LinkPurposeSchema>;

const id = z.string().check(z.minLength(1)).check(z.maxLength(128));

export const LinkClaimsSchema = z.strictObject({
  v: z.literal(1),
  purpose: LinkPurposeSchema,
  sellerId: id,
  returnId: id,
  target: id,
  amount: z.optional(MoneySchema),
  /** Unix seconds. */
  expiresAt: z.number().check(z.int()),
  nonce: id,
});
export type LinkClaims = z.infer<typeof LinkClaimsSchema>;

/** The claims of an offer's accept or decline link: it expires with the offer. */
export const offerLinkClaims = (
  ret: Pick<Return, 'sellerId' | 'id'>,
  offer: Offer,
  purpose: 'OFFER_ACCEPT' | 'OFFER_DECLINE',
): LinkClaims => ({
  v: 1,
  purpose,
  sellerId: ret.sellerId,
  returnId: ret.id,
  target: offer.offerId,
  amount: offer.amount,
  expiresAt: Math.floor(Date.parse(offer.expiresAt) / 1000),
  nonce: offer.linkNonce,
});

/** The claims of the reply link in a seller's message. */
export const replyLinkClaims = (
  ret: Pick<Return, 'sellerId' | 'id'>,
  message: Message,
  expiresAt: Date,
): LinkClaims => ({
  v: 1,
  purpose: 'MESSAGE_REPLY',
  sellerId: ret.sellerId,
  returnId: ret.id,
  target: message.messageId,
  expiresAt: Math.floor(expiresAt.getTime() / 1000),
  nonce: message.linkNonce ?? '',
});

/** A link's MAC checked out, but it is no good for what it asks: refused, nothing written. */
const unknown = (): never => {
  throw new NotAnswerableError('UNKNOWN', 'this link does not belong to anything on the return');
};

/** The offer a signed offer link names, if it is the very offer (id, amount and nonce) on the return. */
export const offerOfLink = (ret: Return, claims: LinkClaims): Offer => {
  const offer = ret.offers?.find((o) => o.offerId === claims.target);
  const sameAmount =
    offer !== undefined &&
    claims.amount !== undefined &&
    claims.amount.amount === offer.amount.amount &&
    claims.amount.currency === offer.amount.currency;
  if (!offer || !sameAmount || offer.linkNonce !== claims.nonce || claims.purpose === 'MESSAGE_REPLY')
    return unknown();
  return offer;
};

/** The seller's message a signed reply link names, if it is that very message on the return. */
export const messageOfLink = (ret: Return, claims: LinkClaims): Message => {
  const message = ret.messages?.find((m) => m.messageId === claims.target && m.from === 'SELLER');
  if (!message || message.linkNonce !== claims.nonce || claims.purpose !== 'MESSAGE_REPLY') return unknown();
  if (ret.messages!.some((m) => m.replyTo === message.messageId)) {
    throw new NotAnswerableError('USED', 'this reply link has been used already');
  }
  return message;
};
