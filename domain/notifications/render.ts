import { formatMoney } from '../money.js';
import { CARRIER_NAMES, isCarrier } from '../carriers/carrier-names.js';
import {
  AUDIENCES,
  type Audience,
  type Notification,
  type NotificationKind,
  type NotificationOf,
  type Rendered,
} from './notification.js';
import { paragraph, singleLine, type Block, type Fact } from './document.js';
import { resolveLocale, type SupportedLocale } from './locales.js';
import type { Messages } from './messages.js';
import { renderHtml } from './html.js';
import { renderText } from './text.js';
import { enUS } from './en-us.js';
import { zhCN } from './zh-cn.js';
import { deDE } from './de-de.js';
import { jaJP } from './ja-jp.js';
import type { RenderContext, RenderedBody } from './render-context.js';
import { CONVERSATION_BUILDERS } from './conversation-builders.js';

const MESSAGES: Record<SupportedLocale, Messages> = {
  'en-US': enUS,
  'zh-CN': zhCN,
  'de-DE': deDE,
  'ja-JP': jaJP,
};

type Context = RenderContext;
type Body = RenderedBody;

const facts = (rows: Fact[]): Block => ({ type: 'facts', rows });
/** A carrier's brand name; none for the generic carrier, whose code means nothing to a buyer. */
const carrierName = (code: string): string | undefined => {
  if (!isCarrier(code)) return code;
  return code === 'generic' ? undefined : CARRIER_NAMES[code];
};
/** A person's words, when there are any. */
const quoted = (label: string, text: string | undefined): Block[] =>
  text?.trim() ? [{ type: 'quote', label, text }] : [];

/** The structure of each e-mail, written once for every locale. */
const BUILDERS: { [K in NotificationKind]: (n: NotificationOf<K>, c: Context) => Body } = {
  RETURN_CLOSED: (n, { m }) => {
    const p = m.RETURN_CLOSED;
    const v = { rma: n.rma, orderId: n.orderId, sellerName: n.sellerName?.trim() || undefined };
    return {
      subject: p.subject(v),
      heading: p.heading,
      blocks: [
        paragraph(p.intro(v)),
        facts([
          [m.labels.rma, n.rma],
          [m.labels.orderId, n.orderId],
          [m.labels.closureReason, m.closureReasons[n.reason]],
        ]),
        ...quoted(p.commentLabel(v), n.comment),
        ...(n.reason === 'REFUND_WITHOUT_RETURN' ? [paragraph(p.keepItem)] : []),
        paragraph(m.contactSeller),
      ],
    };
  },

  RETURN_CANCELLED_BY_BUYER: (n, { m }) => {
    const p = m.RETURN_CANCELLED_BY_BUYER;
    return {
      subject: p.subject(n),
      heading: p.heading,
      blocks: [
        paragraph(p.intro(n)),
        facts([
          [m.labels.rma, n.rma],
          [m.labels.orderId, n.orderId],
          [m.labels.returnId, n.returnId],
          [m.labels.buyerEmail, n.buyerEmail],
        ]),
        ...quoted(p.commentLabel, n.comment),
        paragraph(p.noAction),
      ],
    };
  },

  RETURN_AUTHORIZED: (n, { m, date, country }) => {
    const p = m.RETURN_AUTHORIZED;
    const head = { subject: p.subject(n), heading: p.heading };
    if (n.returnless) {
      return { ...head, blocks: [paragraph(p.returnless), facts([[m.labels.rma, n.rma]])] };
    }
    // Never tell a buyer to keep an item because a label went missing (the schema refuses this too).
    if (!n.label) throw new TypeError('RETURN_AUTHORIZED needs a label unless the return is returnless');
    const shipBy = date(n.label.shipBy);
    const address: Block[] = n.returnAddress
      ? [
          {
            type: 'address',
            label: m.labels.returnAddress,
            lines: m.address(n.returnAddress, country(n.returnAddress.country)),
          },
        ]
      : [];
    const carrier = carrierName(n.label.carrier);
    return {
      ...head,
      blocks: [
        paragraph(p.instructions({ carrier: carrier ?? m.carrierOnLabel, shipBy })),
        { type: 'link', label: p.labelLink, href: n.label.url },
        facts([
          [m.labels.rma, n.rma],
          ...(carrier ? [[m.labels.carrier, carrier] as const] : []),
          [m.labels.trackingNumber, n.label.trackingNumber],
          [m.labels.shipBy, shipBy],
        ]),
        ...address,
        paragraph(p.includeRma(n)),
        paragraph(p.next),
      ],
    };
  },

  RETURN_RECEIVED: (n, { m }) => ({
    subject: m.RETURN_RECEIVED.subject(n),
    heading: m.RETURN_RECEIVED.heading,
    blocks: [paragraph(m.RETURN_RECEIVED.body(n))],
  }),

  REFUND_ISSUED: (n, { m, money }) => {
    const p = m.REFUND_ISSUED;
    const v = { rma: n.rma, amount: money(n.amount) };
    const lines: Block[] = n.breakdown.length
      ? [
          {
            type: 'facts',
            title: m.labels.breakdown,
            rows: n.breakdown.map((l): Fact => [m.breakdownKinds[l.kind], money(l)]),
            total: [m.labels.total, v.amount],
            numeric: true,
          },
        ]
      : [];
    return {
      subject: p.subject(v),
      heading: p.heading,
      blocks: [paragraph(p.body(v)), ...lines, paragraph(p.timing)],
    };
  },

  REFUND_REJECTED: (n, { m }) => {
    const p = m.REFUND_REJECTED;
    return {
      subject: p.subject(n),
      heading: p.heading,
      blocks: [paragraph(p.body(n)), ...quoted(p.reasonLabel, n.reason), paragraph(m.contactSeller)],
    };
  },

  REFUND_APPROVAL_REQUIRED: (n, { m, money }) => {
    const p = m.REFUND_APPROVAL_REQUIRED;
    const v = { rma: n.rma, amount: money(n.amount) };
    const path = `/v1/returns/${encodeURIComponent(n.returnId)}/refund`;
    return {
      subject: p.subject(v),
      heading: p.heading,
      blocks: [
        paragraph(p.body(v)),
        facts([
          [m.labels.rma, n.rma],
          [m.labels.returnId, n.returnId],
          [m.labels.refundAmount, v.amount],
        ]),
        paragraph(p.howTo({ approve: `POST ${path}/approve`, reject: `POST ${path}/reject` })),
      ],
    };
  },
  DEADLINE_REMINDER: (n, { m }) => {
    const p = m.DEADLINE_REMINDER;
    const due = utcMinute(n.dueAt);
    return {
      subject: p.subject({ rma: n.rma, due }),
      heading: p.heading,
      blocks: [
        paragraph(p.body({ rma: n.rma, action: p.actions[n.action], due })),
        facts([
          [m.labels.rma, n.rma],
          [m.labels.returnId, n.returnId],
          [p.dueLabel, due],
          [p.ruleLabel, n.rule],
        ]),
        paragraph(p.details({ path: `/v1/returns/${encodeURIComponent(n.returnId)}` })),
      ],
    };
  },

  REFUND_ACTION_REQUIRED: (n, { m, money }) => {
    const p = m.REFUND_ACTION_REQUIRED;
    const v = { rma: n.rma, amount: money(n.amount) };
    const path = `/v1/returns/${encodeURIComponent(n.returnId)}`;
    const next =
      n.action === 'REFUND_FAILED'
        ? p.retry({ call: `POST ${path}/retry` })
        : p.markPaid({ call: `POST ${path}/refund/mark-paid` });
    return {
      subject: p.subject[n.action](v),
      heading: p.subject[n.action](v),
      blocks: [
        paragraph(p.body[n.action](v)),
        facts([
          [m.labels.rma, n.rma],
          [m.labels.returnId, n.returnId],
          [m.labels.refundAmount, v.amount],
          ...(n.failureReason ? ([[p.failureReasonLabel, n.failureReason]] as Fact[]) : []),
        ]),
        paragraph(next),
      ],
    };
  },

  REPLACEMENT_REQUESTED: (n, { m }) => {
    const p = m.REPLACEMENT_REQUESTED;
    return {
      subject: p.subject(n),
      heading: p.heading,
      blocks: [
        paragraph(p.body(n)),
        {
          type: 'facts',
          title: p.itemsLabel,
          rows: n.items.map((item): Fact => [item.sku, `× ${item.quantity}`]),
        },
        facts([[m.labels.rma, n.rma]]),
        ...(n.keepItem ? [paragraph(m.RETURN_CLOSED.keepItem)] : []),
        paragraph(p.next),
      ],
    };
  },

  REPLACEMENT_SHIPPED: (n, { m }) => {
    const p = m.REPLACEMENT_SHIPPED;
    const carrier = carrierName(n.carrier);
    return {
      subject: p.subject(n),
      heading: p.heading,
      blocks: [
        paragraph(p.body(n)),
        facts([
          [m.labels.rma, n.rma],
          ...(carrier ? [[m.labels.carrier, carrier] as const] : []),
          [m.labels.trackingNumber, n.trackingNumber],
        ]),
        paragraph(m.contactSeller),
      ],
    };
  },
  ...CONVERSATION_BUILDERS,

  WEBHOOK_ENDPOINT_DISABLED: (n, { m }) => {
    const p = m.WEBHOOK_ENDPOINT_DISABLED;
    const deliveries = `GET /v1/webhook-endpoints/${encodeURIComponent(n.endpointId)}/deliveries`;
    return {
      subject: p.subject(n),
      heading: p.heading,
      blocks: [paragraph(p.body(n)), paragraph(p.howTo({ deliveries }))],
    };
  },
};

/** A deadline's instant, the same in every language: the day and the minute, in UTC. */
const utcMinute = (iso: string): string =>
  `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const context = (m: Messages, format: string): Context => {
  const dates = new Intl.DateTimeFormat(format, { dateStyle: 'long', timeZone: 'UTC' });
  const regions = new Intl.DisplayNames([format], { type: 'region', fallback: 'code' });
  return {
    m,
    money: (amount) => formatMoney(amount, format),
    date: (iso) => dates.format(new Date(iso)),
    country: (code) => regions.of(code) ?? code,
  };
};

/**
 * Renders one notification in the reader's locale (see resolveLocale for the fallback rules). Every value is
 * escaped in the HTML part and left as written in the text part.
 */
export const renderNotification = (n: Notification, locale?: string): Rendered => {
  const resolved = resolveLocale(locale);
  const m = MESSAGES[resolved.texts];
  const build = BUILDERS[n.kind] as (n: Notification, c: Context) => Body;
  const body = build(n, context(m, resolved.format));
  const audience: Audience = AUDIENCES[n.kind];
  const doc = {
    ...body,
    subject: singleLine(body.subject),
    lang: m.locale,
    greeting: m.greeting[audience],
    footer: m.footer[audience],
    separator: m.separator,
  };
  return {
    subject: doc.subject,
    text: renderText(doc),
    html: renderHtml(doc),
    about: { kind: n.kind, recipient: audience, locale: m.locale },
  };
};
