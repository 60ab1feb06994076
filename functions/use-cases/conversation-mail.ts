import { REPLY_LINK_DAYS, type Message } from '../../domain/conversation.js';
import type { EventMail } from '../../domain/events/event-mails.js';
import type { ReturnEvent } from '../../domain/events/return-event.js';
import { offerLinkClaims, replyLinkClaims } from '../../domain/link-token.js';
import type { LinkSigner, Seller } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import * as z from '../../domain/zod.js';
import { mintLink } from './link-tokens.js';

/** What the conversation's mails need beyond the event: the key for their links, and where they point. */
export interface ConversationMailDeps {
  links: LinkSigner;
  /**
   * The API's public base URL, where the buyer pages are served: PUBLIC_API_URL, set by the stack on the
   * event functions and by npm start. Without it no link can be made, and the event waits for it.
   */
  baseUrl: string | undefined;
}

const DAY_MS = 86_400_000;

/** Where the buyer pages are served: the API's own base URL. */
const buyerLinkUrl = (deps: ConversationMailDeps, token: string): string => {
  if (!deps.baseUrl) throw new Error('PUBLIC_API_URL is not set: the buyer links have nowhere to point');
  return `${deps.baseUrl.replace(/\/+$/, '')}/v1/buyer/links?token=${encodeURIComponent(token)}`;
};

/** A reply link works for REPLY_LINK_DAYS after the seller's message. */
const replyLinkExpiry = (message: Message): Date =>
  new Date(Date.parse(message.at) + REPLY_LINK_DAYS * DAY_MS);

/** What POST_MESSAGE's and MAKE_OFFER's timeline entries name (lifecycle-messages.ts, lifecycle-offers.ts). */
const MessageChangeSchema = z.object({ messageId: z.string() });
const OfferChangeSchema = z.object({ offerId: z.string() });

const toBuyer = (ret: Return, notification: EventMail['notification'], once: string): EventMail => ({
  to: ret.buyer.email,
  ...(ret.buyer.locale === undefined ? {} : { locale: ret.buyer.locale }),
  notification,
  once,
});

/**
 * A message is mailed once: a seller's to the buyer, in the buyer's locale, with a signed link to
 * answer it; a buyer's to the seller.
 */
const messageMail = async (
  deps: ConversationMailDeps,
  event: ReturnEvent,
  ret: Return,
  seller: Seller | undefined,
): Promise<EventMail | undefined> => {
  const { messageId } = MessageChangeSchema.parse(event.data.change.data);
  const message = ret.messages?.find((m) => m.messageId === messageId);
  if (!message) return undefined;
  const once = `MESSAGE#${message.messageId}`;
  if (message.from === 'BUYER') {
    return (
      seller && {
        to: seller.email,
        locale: seller.locale,
        notification: { kind: 'MESSAGE_TO_SELLER', rma: ret.rma, returnId: ret.id, body: message.body },
        once,
      }
    );
  }
  const expiry = replyLinkExpiry(message);
  const token = await mintLink(deps.links, replyLinkClaims(ret, message, expiry));
  return toBuyer(
    ret,
    {
      kind: 'MESSAGE_TO_BUYER',
      rma: ret.rma,
      ...(seller ? { sellerName: seller.name } : {}),
      body: message.body,
      replyUrl: buyerLinkUrl(deps, token),
      replyBy: expiry.toISOString(),
    },
    once,
  );
};

/**
 * An offer is mailed to the buyer once, with its accept and decline links, while it is open: one
 * answered, withdrawn or expired before its event was dispatched has links that could only be refused.
 */
const offerMail = async (
  deps: ConversationMailDeps,
  event: ReturnEvent,
  ret: Return,
  seller: Seller | undefined,
): Promise<EventMail | undefined> => {
  const { offerId } = OfferChangeSchema.parse(event.data.change.data);
  const offer = ret.offers?.find((o) => o.offerId === offerId);
  if (offer?.status !== 'OPEN') return undefined;
  const [accept, decline] = await Promise.all([
    mintLink(deps.links, offerLinkClaims(ret, offer, 'OFFER_ACCEPT')),
    mintLink(deps.links, offerLinkClaims(ret, offer, 'OFFER_DECLINE')),
  ]);
  return toBuyer(
    ret,
    {
      kind: 'OFFER_MADE',
      rma: ret.rma,
      ...(seller ? { sellerName: seller.name } : {}),
      amount: offer.amount,
      keepItem: offer.keepItem,
      message: offer.message,
      expiresAt: offer.expiresAt,
      acceptUrl: buyerLinkUrl(deps, accept),
      declineUrl: buyerLinkUrl(deps, decline),
    },
    `OFFER#${offer.offerId}`,
  );
};

/**
 * The conversation's mails that carry signed buyer links, which MAILS (domain/events/event-mails.ts,
 * pure) cannot mint: made at dispatch from the return the dispatcher read. HMAC is deterministic, so a
 * link minted again for a retried event is the same valid link.
 */
export const LINKED_MAILS: Partial<
  Record<
    ReturnEvent['type'],
    (
      deps: ConversationMailDeps,
      event: ReturnEvent,
      ret: Return,
      seller: Seller | undefined,
    ) => Promise<EventMail | undefined>
  >
> = {
  'message.posted': messageMail,
  'offer.made': offerMail,
};
