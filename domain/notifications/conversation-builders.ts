import { paragraph, type Block, type Fact } from './document.js';
import { CONVERSATION_MESSAGES } from './conversation-locales.js';
import type { NotificationOf } from './notification.js';
import type { RenderContext, RenderedBody } from './render-context.js';

type ConversationKind =
  'MESSAGE_TO_BUYER' | 'MESSAGE_TO_SELLER' | 'OFFER_MADE' | 'OFFER_ANSWERED' | 'OFFER_WITHDRAWN';

const quoted = (label: string, text: string): Block[] =>
  text.trim() ? [{ type: 'quote', label, text }] : [];
const named = (sellerName: string | undefined) => sellerName?.trim() || undefined;

/** The structure of the conversation's mails, written once for every locale (see render.ts). */
export const CONVERSATION_BUILDERS: {
  [K in ConversationKind]: (n: NotificationOf<K>, c: RenderContext) => RenderedBody;
} = {
  MESSAGE_TO_BUYER: (n, { m, date }) => {
    const p = CONVERSATION_MESSAGES[m.locale].MESSAGE_TO_BUYER;
    const v = { rma: n.rma, sellerName: named(n.sellerName) };
    return {
      subject: p.subject(v),
      heading: p.heading,
      blocks: [
        paragraph(p.intro(v)),
        ...quoted(p.bodyLabel, n.body),
        { type: 'link', label: p.replyLink, href: n.replyUrl },
        paragraph(p.replyBy({ date: date(n.replyBy) })),
      ],
    };
  },

  MESSAGE_TO_SELLER: (n, { m }) => {
    const p = CONVERSATION_MESSAGES[m.locale].MESSAGE_TO_SELLER;
    const path = `/v1/returns/${encodeURIComponent(n.returnId)}/messages`;
    return {
      subject: p.subject(n),
      heading: p.heading,
      blocks: [
        paragraph(p.intro(n)),
        ...quoted(p.bodyLabel, n.body),
        { type: 'facts', rows: [[m.labels.rma, n.rma] as Fact, [m.labels.returnId, n.returnId] as Fact] },
        paragraph(p.howTo({ call: `POST ${path}` })),
      ],
    };
  },

  OFFER_MADE: (n, { m, money, date }) => {
    const c = CONVERSATION_MESSAGES[m.locale];
    const p = c.OFFER_MADE;
    const v = { rma: n.rma, amount: money(n.amount), sellerName: named(n.sellerName) };
    return {
      subject: p.subject(v),
      heading: p.heading,
      blocks: [
        paragraph(p.intro(v)),
        paragraph(n.keepItem ? p.keepItem : p.sendBack),
        {
          type: 'facts',
          rows: [
            [m.labels.rma, n.rma],
            [c.labels.amount, v.amount],
            [c.labels.expires, date(n.expiresAt)],
          ],
        },
        ...quoted(p.messageLabel, n.message),
        { type: 'link', label: p.acceptLink, href: n.acceptUrl },
        { type: 'link', label: p.declineLink, href: n.declineUrl },
        paragraph(p.expires({ date: date(n.expiresAt) })),
        paragraph(p.safeToOpen),
      ],
    };
  },

  OFFER_ANSWERED: (n, { m, money }) => {
    const p = CONVERSATION_MESSAGES[m.locale].OFFER_ANSWERED;
    const v = { rma: n.rma, amount: money(n.amount) };
    const keep = n.answer === 'ACCEPTED' && n.keepItem ? [paragraph(p.keepItem)] : [];
    return {
      subject: p.subject[n.answer](v),
      heading: p.subject[n.answer](v),
      blocks: [
        paragraph(p.body[n.answer](v)),
        ...keep,
        { type: 'facts', rows: [[m.labels.rma, n.rma] as Fact, [m.labels.returnId, n.returnId] as Fact] },
      ],
    };
  },

  OFFER_WITHDRAWN: (n, { m, money }) => {
    const c = CONVERSATION_MESSAGES[m.locale];
    const p = c.OFFER_WITHDRAWN;
    const v = { rma: n.rma, amount: money(n.amount), sellerName: named(n.sellerName) };
    return {
      subject: p.subject(v),
      heading: p.heading,
      blocks: [
        paragraph(p.intro(v)),
        { type: 'facts', rows: [[m.labels.rma, n.rma] as Fact, [c.labels.amount, v.amount] as Fact] },
        paragraph(p.carriesOn),
      ],
    };
  },
};
