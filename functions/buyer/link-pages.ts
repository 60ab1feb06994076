import { MAX_MESSAGE_LENGTH, type Message, type Offer } from '../../domain/conversation.js';
import type { LinkClaims } from '../../domain/link-token.js';
import { formatMoney } from '../../domain/money.js';
import { CONVERSATION_MESSAGES } from '../../domain/notifications/conversation-locales.js';
import type { ConversationMessages } from '../../domain/notifications/conversation-messages.js';
import { resolveLocale, type ResolvedLocale } from '../../domain/notifications/locales.js';
import type { Return } from '../../domain/return.js';
import type { Page, PagePart } from './buyer-page.js';

/** What each buyer page says, in the buyer's locale (the return's), from the locale tables. */
interface Words {
  locale: ResolvedLocale;
  p: ConversationMessages['page'];
  c: ConversationMessages;
}

export const wordsFor = (requested: string | undefined): Words => {
  const locale = resolveLocale(requested);
  const c = CONVERSATION_MESSAGES[locale.texts];
  return { locale, p: c.page, c };
};

const page = (w: Words, heading: string, parts: PagePart[]): Page => ({
  lang: w.locale.texts,
  title: `${heading} · ${w.p.title}`,
  heading,
  parts,
});

/** The offer, with the one button its link grants. */
export const offerPage = (ret: Return, offer: Offer, claims: LinkClaims, token: string): Page => {
  const w = wordsFor(ret.buyer.locale);
  const amount = formatMoney(offer.amount, w.locale.format);
  const expires = new Intl.DateTimeFormat(w.locale.format, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(offer.expiresAt));
  const accept = claims.purpose === 'OFFER_ACCEPT';
  return page(w, w.p.offerHeading({ rma: ret.rma }), [
    { type: 'paragraph', text: w.p.offerIntro({ amount }) },
    { type: 'paragraph', text: offer.keepItem ? w.c.OFFER_MADE.keepItem : w.c.OFFER_MADE.sendBack },
    {
      type: 'facts',
      rows: [
        [w.c.labels.amount, amount],
        [w.c.labels.expires, `${expires} UTC`],
      ],
    },
    ...(offer.message.trim()
      ? [{ type: 'quote' as const, label: w.c.OFFER_MADE.messageLabel, text: offer.message }]
      : []),
    { type: 'paragraph', text: accept ? w.p.confirmAccept : w.p.confirmDecline },
    { type: 'form', token, button: accept ? w.p.acceptButton : w.p.declineButton },
  ]);
};

/** The seller's message, with a form to answer it. */
export const replyPage = (ret: Return, message: Message, token: string): Page => {
  const w = wordsFor(ret.buyer.locale);
  return page(w, w.p.replyHeading({ rma: ret.rma }), [
    { type: 'quote', label: w.p.sellerWrote, text: message.body },
    {
      type: 'form',
      token,
      button: w.p.replyButton,
      reply: {
        label: w.p.replyLabel,
        hint: w.p.replyHint({ max: MAX_MESSAGE_LENGTH }),
        maxLength: MAX_MESSAGE_LENGTH,
      },
    },
  ]);
};

export type Done = 'accepted' | 'declined' | 'replied';

export const donePage = (ret: Return, done: Done): Page => {
  const w = wordsFor(ret.buyer.locale);
  return page(w, w.p.title, [{ type: 'paragraph', text: w.p[done] }]);
};

export type PageError = keyof ConversationMessages['page']['errors'];

export const errorPage = (locale: string | undefined, error: PageError): Page => {
  const w = wordsFor(locale);
  return page(w, w.p.errorHeading, [{ type: 'paragraph', text: w.p.errors[error], role: 'error' }]);
};
