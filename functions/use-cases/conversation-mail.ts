import { REPLY_LINK_DAYS, type Message, type Offer } from '../../domain/conversation.js';
import { offerLinkClaims, replyLinkClaims } from '../../domain/link-token.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { LinkSigner, SellerRepository } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import type { ApplyCommandDeps } from './apply-command.js';
import { mintLink } from './link-tokens.js';
import { notifyOnceAfterRequest, type NotifyDeps } from './notify-once.js';

/**
 * What a conversation command needs to mail about it. The conversation's mails carry signed links minted
 * in the request (KMS GenerateMac), so they are sent from it, after the write, not from the outbox.
 */
export interface NotifyingCommandDeps extends ApplyCommandDeps, NotifyDeps {
  sellers: SellerRepository;
}

export interface ConversationDeps extends NotifyingCommandDeps {
  links: LinkSigner;
}

const DAY_MS = 86_400_000;

/** Where the buyer pages are served: the API's own base URL (base-url.ts). */
export const buyerLinkUrl = (baseUrl: string, token: string): string =>
  `${baseUrl}/v1/buyer/links?token=${encodeURIComponent(token)}`;

/** A reply link works for REPLY_LINK_DAYS after the seller's message. */
export const replyLinkExpiry = (message: Message): Date =>
  new Date(Date.parse(message.at) + REPLY_LINK_DAYS * DAY_MS);

/**
 * A message is mailed once: a seller's to the buyer, in the buyer's locale, with a signed link to
 * answer it; a buyer's to the seller. The change stands if the mail fails (notifyOnceAfterRequest).
 */
export const mailMessage = async (
  deps: ConversationDeps,
  ret: Return,
  message: Message,
  baseUrl: string,
): Promise<void> => {
  const seller = await deps.sellers.get(ret.sellerId);
  const kind = `MESSAGE#${message.messageId}`;
  if (message.from === 'BUYER') {
    if (!seller) return;
    const mail = renderNotification(
      { kind: 'MESSAGE_TO_SELLER', rma: ret.rma, returnId: ret.id, body: message.body },
      seller.locale,
    );
    await notifyOnceAfterRequest(deps, ret, kind, { to: seller.email, ...mail });
    return;
  }
  const expiry = replyLinkExpiry(message);
  const token = await mintLink(deps.links, replyLinkClaims(ret, message, expiry));
  const mail = renderNotification(
    {
      kind: 'MESSAGE_TO_BUYER',
      rma: ret.rma,
      ...(seller ? { sellerName: seller.name } : {}),
      body: message.body,
      replyUrl: buyerLinkUrl(baseUrl, token),
      replyBy: expiry.toISOString(),
    },
    ret.buyer.locale,
  );
  await notifyOnceAfterRequest(deps, ret, kind, { to: ret.buyer.email, ...mail });
};

/** An offer is mailed to the buyer once, with its accept and decline links. */
export const mailOffer = async (
  deps: ConversationDeps,
  ret: Return,
  offer: Offer,
  baseUrl: string,
): Promise<void> => {
  const seller = await deps.sellers.get(ret.sellerId);
  const [accept, decline] = await Promise.all([
    mintLink(deps.links, offerLinkClaims(ret, offer, 'OFFER_ACCEPT')),
    mintLink(deps.links, offerLinkClaims(ret, offer, 'OFFER_DECLINE')),
  ]);
  const mail = renderNotification(
    {
      kind: 'OFFER_MADE',
      rma: ret.rma,
      ...(seller ? { sellerName: seller.name } : {}),
      amount: offer.amount,
      keepItem: offer.keepItem,
      message: offer.message,
      expiresAt: offer.expiresAt,
      acceptUrl: buyerLinkUrl(baseUrl, accept),
      declineUrl: buyerLinkUrl(baseUrl, decline),
    },
    ret.buyer.locale,
  );
  await notifyOnceAfterRequest(deps, ret, `OFFER#${offer.offerId}`, { to: ret.buyer.email, ...mail });
};

/** The seller hears, once, what became of an offer. */
export const mailOfferAnswer = async (
  deps: NotifyingCommandDeps,
  ret: Return,
  offer: Offer,
  answer: 'ACCEPTED' | 'DECLINED' | 'EXPIRED',
): Promise<void> => {
  const seller = await deps.sellers.get(ret.sellerId);
  if (!seller) return;
  const mail = renderNotification(
    {
      kind: 'OFFER_ANSWERED',
      rma: ret.rma,
      returnId: ret.id,
      amount: offer.amount,
      keepItem: offer.keepItem,
      answer,
    },
    seller.locale,
  );
  await notifyOnceAfterRequest(deps, ret, `OFFER_ANSWERED#${offer.offerId}`, { to: seller.email, ...mail });
};
