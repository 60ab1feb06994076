import { describe, expect, it } from 'vitest';
import { formatMoney, type Money } from '../../domain/money.js';
import { CLOSURE_REASONS, type ClosureReason } from '../../domain/return.js';
import type { BreakdownLine } from '../../domain/refund.js';
import {
  NotificationSchema,
  type Notification,
  type NotificationKind,
  type NotificationOf,
} from '../../domain/notifications/notification.js';
import { renderNotification } from '../../domain/notifications/render.js';
import {
  resolveLocale,
  SUPPORTED_LOCALES,
  type SupportedLocale,
} from '../../domain/notifications/locales.js';
import { escapeHtml } from '../../domain/notifications/html.js';

const HOSTILE = `<script>alert("x")</script> & 'quotes'\nsecond line`;
const HOSTILE_ESCAPED =
  '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;\nsecond line';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

const SAMPLES: { [K in NotificationKind]: NotificationOf<K> } = {
  RETURN_CLOSED: {
    kind: 'RETURN_CLOSED',
    rma: 'RMA-CLOSED-1',
    orderId: '113-1234567-1234567',
    reason: 'OUTSIDE_RETURN_WINDOW',
    comment: 'Sorry, the 30 days ended on 2 November.',
    sellerName: 'Acme Outdoor',
  },
  RETURN_CANCELLED_BY_BUYER: {
    kind: 'RETURN_CANCELLED_BY_BUYER',
    rma: 'RMA-CANCEL-2',
    orderId: '113-7654321-7654321',
    returnId: '01JRETURNID0000000000000002',
    buyerEmail: 'buyer@example.com',
    comment: 'Found the missing cable, all good.',
  },
  RETURN_AUTHORIZED: {
    kind: 'RETURN_AUTHORIZED',
    rma: 'RMA-AUTH-3',
    returnless: false,
    label: {
      url: 'https://labels.example.com/l/3?sig=a&b=c',
      trackingNumber: '1Z999AA10123456784',
      carrier: 'ups',
      shipBy: '2026-11-15',
    },
    returnAddress: {
      name: 'Acme Returns',
      line1: '1 Dock Road',
      city: 'Reno',
      region: 'NV',
      postalCode: '89501',
      country: 'US',
    },
  },
  RETURN_RECEIVED: { kind: 'RETURN_RECEIVED', rma: 'RMA-RECV-4' },
  REFUND_ISSUED: {
    kind: 'REFUND_ISSUED',
    rma: 'RMA-REFUND-5',
    amount: eur(2417),
    breakdown: [
      { kind: 'ITEM', amount: 2599, currency: 'EUR' },
      { kind: 'TAX', amount: 208, currency: 'EUR' },
      { kind: 'RESTOCKING_FEE', amount: -390, currency: 'EUR' },
    ],
  },
  REFUND_REJECTED: {
    kind: 'REFUND_REJECTED',
    rma: 'RMA-REJECT-6',
    reason: 'The item came back with water damage.',
  },
  REFUND_APPROVAL_REQUIRED: {
    kind: 'REFUND_APPROVAL_REQUIRED',
    rma: 'RMA-APPROVE-7',
    returnId: '01JRETURNID0000000000000007',
    amount: eur(123456),
  },
  DEADLINE_REMINDER: {
    kind: 'DEADLINE_REMINDER',
    rma: 'RMA-DUE-8',
    returnId: '01JRETURNID0000000000000008',
    action: 'REFUND_AFTER_RECEIPT',
    dueAt: '2026-12-01T07:59:59.999Z',
    rule: 'AMAZON_REFUND_2_BUSINESS_DAYS',
  },
  REFUND_ACTION_REQUIRED: {
    kind: 'REFUND_ACTION_REQUIRED',
    rma: 'RMA-ACTION-8',
    returnId: '01JRETURNID0000000000000008',
    amount: eur(4999),
    action: 'REFUND_FAILED',
    failureReason: 'expired_or_canceled_card',
  },
  REPLACEMENT_REQUESTED: {
    kind: 'REPLACEMENT_REQUESTED',
    rma: 'RMA-REPLACE-9',
    items: [
      { sku: 'LAMP-77', quantity: 1 },
      { sku: 'BULB-3', quantity: 4 },
    ],
    keepItem: true,
  },
  REPLACEMENT_SHIPPED: {
    kind: 'REPLACEMENT_SHIPPED',
    rma: 'RMA-REPLACE-9',
    carrier: 'ups',
    trackingNumber: '1ZREPLACE0001',
  },
  MESSAGE_TO_BUYER: {
    kind: 'MESSAGE_TO_BUYER',
    rma: 'RMA-MSG-10',
    sellerName: 'Acme Outdoor',
    body: HOSTILE,
    replyUrl: 'https://api.example.com/v1/buyer/links?token=abc.def',
    replyBy: '2026-12-20T10:00:00Z',
  },
  MESSAGE_TO_SELLER: {
    kind: 'MESSAGE_TO_SELLER',
    rma: 'RMA-MSG-11',
    returnId: '01JRETURNID0000000000000011',
    body: 'The box was crushed when it arrived.',
  },
  OFFER_MADE: {
    kind: 'OFFER_MADE',
    rma: 'RMA-OFFER-12',
    sellerName: 'Acme Outdoor',
    amount: eur(1800),
    keepItem: true,
    message: 'Keep it, with our apologies.',
    expiresAt: '2026-12-08T10:00:00Z',
    acceptUrl: 'https://api.example.com/v1/buyer/links?token=accept.mac',
    declineUrl: 'https://api.example.com/v1/buyer/links?token=decline.mac',
  },
  OFFER_ANSWERED: {
    kind: 'OFFER_ANSWERED',
    rma: 'RMA-OFFER-13',
    returnId: '01JRETURNID0000000000000013',
    amount: eur(1800),
    keepItem: true,
    answer: 'ACCEPTED',
  },
  OFFER_WITHDRAWN: {
    kind: 'OFFER_WITHDRAWN',
    rma: 'RMA-OFFER-14',
    sellerName: 'Acme Outdoor',
    amount: eur(1800),
  },
  WEBHOOK_ENDPOINT_DISABLED: {
    kind: 'WEBHOOK_ENDPOINT_DISABLED',
    endpointId: 'we_01KB6C0000000000000000000A',
    url: 'https://erp.example.com/hooks',
    reason: 'the receiver answered 410 Gone',
  },
};
const KINDS = Object.keys(SAMPLES) as NotificationKind[];

/** The data each e-mail must show, whatever the language. */
const keyData = (n: Notification, locale: string): string[] => {
  switch (n.kind) {
    case 'RETURN_CLOSED':
      return [n.rma, n.orderId, n.sellerName!, n.comment!];
    case 'RETURN_CANCELLED_BY_BUYER':
      return [n.rma, n.orderId, n.returnId, n.buyerEmail, n.comment!];
    case 'RETURN_AUTHORIZED':
      // The carrier as buyers know it (its brand), not the code the label stores.
      return [n.rma, n.label!.url, n.label!.trackingNumber, 'UPS', '89501', 'Acme Returns'];
    case 'RETURN_RECEIVED':
      return [n.rma];
    case 'REFUND_ISSUED':
      return [n.rma, ...[n.amount, ...n.breakdown].map((m) => formatMoney(m, locale))];
    case 'REFUND_REJECTED':
      return [n.rma, n.reason];
    case 'REFUND_APPROVAL_REQUIRED':
      return [n.rma, n.returnId, formatMoney(n.amount, locale), `/v1/returns/${n.returnId}/refund/approve`];
    case 'DEADLINE_REMINDER':
      return [n.rma, n.returnId, '2026-12-01 07:59 UTC', n.rule];
    case 'REFUND_ACTION_REQUIRED':
      return [
        n.rma,
        n.returnId,
        formatMoney(n.amount, locale),
        n.failureReason!,
        `/v1/returns/${n.returnId}/retry`,
      ];
    case 'REPLACEMENT_REQUESTED':
      return [n.rma, 'LAMP-77', '× 1', 'BULB-3', '× 4'];
    case 'REPLACEMENT_SHIPPED':
      // The carrier as buyers know it (its brand), as on the label's mail.
      return [n.rma, 'UPS', n.trackingNumber];
    case 'MESSAGE_TO_BUYER':
      return [n.rma, n.sellerName!, n.body, n.replyUrl];
    case 'MESSAGE_TO_SELLER':
      return [n.rma, n.returnId, n.body, `/v1/returns/${n.returnId}/messages`];
    case 'OFFER_MADE':
      return [n.rma, n.message, n.acceptUrl, n.declineUrl, formatMoney(n.amount, locale)];
    case 'OFFER_ANSWERED':
      return [n.rma, n.returnId, formatMoney(n.amount, locale)];
    case 'OFFER_WITHDRAWN':
      return [n.rma, n.sellerName!, formatMoney(n.amount, locale)];
    case 'WEBHOOK_ENDPOINT_DISABLED':
      return [n.url, n.reason, `/v1/webhook-endpoints/${n.endpointId}/deliveries`];
  }
};

const SHIP_BY: Record<SupportedLocale, string> = {
  'en-US': 'November 15, 2026',
  'de-DE': '15. November 2026',
  'zh-CN': '2026年11月15日',
  'ja-JP': '2026年11月15日',
};

/** Words a reader of the language expects, and what would betray another language. */
const LANGUAGE: Record<SupportedLocale, { must: RegExp[]; mustNot: RegExp[] }> = {
  'en-US': { must: [/\b(your|the)\b/i, /^Hello,$/m], mustNot: [/[\u3040-\u30ff\u4e00-\u9fff]/] },
  'de-DE': {
    must: [/\b(Sie|Ihre?|Ihrer|der|die|den)\b/, /Rücksend|Erstattung/, /^Guten Tag!$/m],
    mustNot: [/\b(your|has been|please)\b/i],
  },
  'zh-CN': {
    must: [/您好/, /[\u4e00-\u9fff]/, /退货|退款/, /。/],
    // Chinese uses no kana; kana here would be Japanese text leaking in.
    mustNot: [/[\u3040-\u30ff]/, /\b(your|the|please)\b/i],
  },
  'ja-JP': {
    must: [/いつもご利用いただき/, /[\u3040-\u309f]/, /返品|返金/, /(ます|ました|ください)。/],
    mustNot: [/\b(your|the|please)\b/i],
  },
};

const ALLOWED_TAGS = new Set(
  'html head meta title body div h1 p table tr th td blockquote a address br'.split(' '),
);
const tagsOf = (html: string): string[] =>
  [...html.replace(/^<!doctype html>/i, '').matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) =>
    m[1]!.toLowerCase(),
  );

describe('renderNotification: every kind in every locale', () => {
  const cases = KINDS.flatMap((kind) => SUPPORTED_LOCALES.map((locale) => [kind, locale] as const));

  it('covers every kind of the Notification union with a valid sample', () => {
    expect(KINDS).toHaveLength(NotificationSchema.def.options.length);
    for (const n of Object.values(SAMPLES)) expect(NotificationSchema.parse(n)).toEqual(n);
  });

  it.each(cases)('%s in %s has a subject, a text and an html part with the key data', (kind, locale) => {
    const n = SAMPLES[kind];
    const r = renderNotification(n, locale);
    expect(r.subject.trim()).not.toBe('');
    expect(r.subject).not.toMatch(/\n/);
    expect(r.subject).toContain('rma' in n ? n.rma : n.url);
    expect(r.text.trim().length).toBeGreaterThan(r.subject.length);
    expect(r.html).toMatch(/^<!doctype html>/);
    expect(r.html).toContain(`<html lang="${locale}">`);
    for (const value of keyData(n, locale)) {
      expect(r.text).toContain(value);
      expect(r.html).toContain(escapeHtml(value));
    }
    expect(new Set(tagsOf(r.html))).toSatisfy((tags: Set<string>) =>
      [...tags].every((t) => ALLOWED_TAGS.has(t)),
    );
  });

  it.each(cases)('%s in %s is written in that language', (kind, locale) => {
    const r = renderNotification(SAMPLES[kind], locale);
    // Judge only our words: the data (comments, names, addresses) is whatever people wrote.
    const ours = keyData(SAMPLES[kind], locale).reduce((t, value) => t.replaceAll(value, ''), r.text);
    for (const re of LANGUAGE[locale].must) expect(ours).toMatch(re);
    for (const re of LANGUAGE[locale].mustNot) expect(ours).not.toMatch(re);
    if (locale !== 'en-US') {
      const english = renderNotification(SAMPLES[kind], 'en-US');
      expect(r.subject).not.toBe(english.subject);
      expect(r.text.split('\n')[0]).not.toBe(english.text.split('\n')[0]);
    }
  });

  it.each(SUPPORTED_LOCALES)('shows the ship-by date as a long date in %s', (locale) => {
    const r = renderNotification(SAMPLES.RETURN_AUTHORIZED, locale);
    expect(r.text).toContain(SHIP_BY[locale]);
    expect(r.html).toContain(SHIP_BY[locale]);
  });

  it('uses the native words each language expects for the same e-mail', () => {
    const closed = (locale: string) => renderNotification(SAMPLES.RETURN_CLOSED, locale).text;
    expect(closed('de-DE')).toContain('Rücksendeanfrage');
    expect(closed('de-DE')).toContain('Die Rückgabefrist ist abgelaufen');
    expect(closed('zh-CN')).toContain('退货申请');
    expect(closed('zh-CN')).toContain('已超过退货期限');
    expect(closed('ja-JP')).toContain('返品リクエスト');
    expect(closed('ja-JP')).toContain('返品受付期間を過ぎています');
    const issued = (locale: string) => renderNotification(SAMPLES.REFUND_ISSUED, locale).text;
    expect(issued('de-DE')).toContain('Wiedereinlagerungsgebühr');
    expect(issued('zh-CN')).toContain('退款明细');
    expect(issued('ja-JP')).toContain('返金額の内訳');
  });
});

describe('what became of an offer', () => {
  const ANSWERS = ['ACCEPTED', 'DECLINED', 'EXPIRED'] as const;

  it.each(SUPPORTED_LOCALES)(
    'tells the seller each answer, an expiry too, in its own words in %s',
    (locale) => {
      const rendered = ANSWERS.map((answer) =>
        renderNotification({ ...SAMPLES.OFFER_ANSWERED, keepItem: false, answer }, locale),
      );
      // The answer is the only thing that changes, so distinct subjects and texts mean distinct words.
      expect(new Set(rendered.map((r) => r.subject)).size).toBe(ANSWERS.length);
      expect(new Set(rendered.map((r) => r.text)).size).toBe(ANSWERS.length);
      const expired = rendered[2]!;
      expect(expired.about).toEqual({ kind: 'OFFER_ANSWERED', recipient: 'seller', locale });
      for (const value of keyData(SAMPLES.OFFER_ANSWERED, locale)) expect(expired.text).toContain(value);
      const ours = keyData(SAMPLES.OFFER_ANSWERED, locale).reduce(
        (t, v) => t.replaceAll(v, ''),
        expired.text,
      );
      for (const re of LANGUAGE[locale].must) expect(ours).toMatch(re);
      for (const re of LANGUAGE[locale].mustNot) expect(ours).not.toMatch(re);
    },
  );

  it('says an offer expired, or was withdrawn, in words a reader of each language knows', () => {
    const expired = (locale: string) =>
      renderNotification({ ...SAMPLES.OFFER_ANSWERED, answer: 'EXPIRED' }, locale).subject;
    expect(expired('en-US')).toContain('has expired');
    expect(expired('de-DE')).toContain('abgelaufen');
    expect(expired('ja-JP')).toContain('期限切れ');
    expect(expired('zh-CN')).toContain('已过期');
    const withdrawn = (locale: string) => renderNotification(SAMPLES.OFFER_WITHDRAWN, locale);
    expect(withdrawn('en-US').subject).toContain('was withdrawn');
    expect(withdrawn('de-DE').subject).toContain('zurückgezogen');
    expect(withdrawn('ja-JP').subject).toContain('取り下げ');
    expect(withdrawn('zh-CN').subject).toContain('撤回');
    expect(withdrawn('de-DE').about).toEqual({
      kind: 'OFFER_WITHDRAWN',
      recipient: 'buyer',
      locale: 'de-DE',
    });
  });
});

describe('closure reasons and refund lines', () => {
  it.each(SUPPORTED_LOCALES)('labels every closure reason distinctly in %s', (locale) => {
    const render = (reason: ClosureReason, l: string) =>
      renderNotification({ ...SAMPLES.RETURN_CLOSED, reason }, l).text;
    const texts = CLOSURE_REASONS.map((reason) => render(reason, locale));
    // The reason is the only thing that changes, so distinct texts mean distinct labels.
    expect(new Set(texts).size).toBe(CLOSURE_REASONS.length);
    CLOSURE_REASONS.forEach((reason, i) => {
      expect(texts[i]).not.toMatch(/REFUND_WITHOUT_RETURN|OUTSIDE_|BUYER_DID_NOT_SHIP|REFUND_REJECTED|OTHER/);
      if (locale !== 'en-US') expect(texts[i]).not.toBe(render(reason, 'en-US'));
    });
  });

  it('tells the buyer to keep the item only when the seller refunded without a return', () => {
    const keep = renderNotification({ ...SAMPLES.RETURN_CLOSED, reason: 'REFUND_WITHOUT_RETURN' }, 'en-US');
    expect(keep.text).toContain('Refunded without a return');
    expect(keep.text).toContain('You do not need to send the item back.');
    expect(renderNotification(SAMPLES.RETURN_CLOSED, 'en-US').text).not.toContain('send the item back');
  });

  it.each(SUPPORTED_LOCALES)('labels every breakdown kind and shows debits as negative in %s', (locale) => {
    const kinds: BreakdownLine['kind'][] = [
      'ITEM',
      'TAX',
      'ORIGINAL_SHIPPING',
      'RETURN_SHIPPING',
      'RESTOCKING_FEE',
      'DEDUCTION',
      'CAP',
    ];
    const breakdown = kinds.map((kind, i) => ({
      kind,
      amount: i % 2 ? -(i * 100) : i * 100 + 1,
      currency: 'JPY' as const,
    }));
    const r = renderNotification(
      { kind: 'REFUND_ISSUED', rma: 'R', amount: { amount: 1000, currency: 'JPY' }, breakdown },
      locale,
    );
    const lines = r.text.split('\n');
    for (const line of breakdown) {
      const shown = formatMoney(line, locale);
      expect(lines.some((l) => l.endsWith(shown))).toBe(true);
      if (line.amount < 0) expect(shown).toMatch(/[-−]/);
    }
    expect(r.text).not.toMatch(/RESTOCKING_FEE|ORIGINAL_SHIPPING|\bCAP\b|DEDUCTION/);
    // Seven labelled lines plus the total, each with a label before the amount.
    const labelled = lines.filter((l) => /[:：]\s?\S*[-−]?\S*\d/.test(l));
    expect(labelled.length).toBeGreaterThanOrEqual(kinds.length + 1);
  });
});

describe('returnless authorization', () => {
  const returnless: NotificationOf<'RETURN_AUTHORIZED'> = {
    kind: 'RETURN_AUTHORIZED',
    rma: 'RMA-KEEP',
    returnless: true,
  };
  const KEEP: Record<SupportedLocale, string> = {
    'en-US': 'please keep it',
    'de-DE': 'bitte behalten Sie ihn',
    'zh-CN': '请自行保留',
    'ja-JP': 'お手元にお持ちください',
  };

  it.each(SUPPORTED_LOCALES)(
    'tells the buyer in %s to keep the item and that a refund follows, with no label',
    (locale) => {
      const r = renderNotification(returnless, locale);
      expect(r.text).toContain(KEEP[locale]);
      expect(r.text).toContain('RMA-KEEP');
      expect(r.html).not.toContain('<a ');
    },
  );

  it('refuses an authorization that is neither returnless nor labelled', () => {
    const unlabelled = { kind: 'RETURN_AUTHORIZED', rma: 'R', returnless: false } as const;
    expect(NotificationSchema.safeParse(unlabelled).success).toBe(false);
    expect(() => renderNotification(unlabelled, 'en-US')).toThrow(/needs a label/);
  });
});

describe('locale resolution', () => {
  it.each([
    ['en-US', 'en-US', 'en-US'],
    ['de-DE', 'de-DE', 'de-DE'],
    ['zh-CN', 'zh-CN', 'zh-CN'],
    ['ja-JP', 'ja-JP', 'ja-JP'],
    ['DE-de', 'de-DE', 'de-DE'],
    ['de-AT', 'de-DE', 'de-AT'],
    ['de_CH', 'de-DE', 'de-CH'],
    ['zh-TW', 'zh-CN', 'zh-TW'],
    ['zh-Hant-HK', 'zh-CN', 'zh-Hant-HK'],
    ['en-GB', 'en-US', 'en-GB'],
    ['en', 'en-US', 'en'],
    ['ja', 'ja-JP', 'ja'],
    ['fr-FR', 'en-US', 'en-US'],
    ['pt-BR', 'en-US', 'en-US'],
    ['not a tag!', 'en-US', 'en-US'],
    ['', 'en-US', 'en-US'],
    [undefined, 'en-US', 'en-US'],
  ])('%s reads the %s texts, formatted as %s', (requested, texts, format) => {
    expect(resolveLocale(requested)).toEqual({ texts, format });
  });

  it('renders a regional variant in its language, with the reader’s own number and date conventions', () => {
    const at = renderNotification(SAMPLES.REFUND_ISSUED, 'de-AT');
    expect(at.html).toContain('<html lang="de-DE">');
    expect(at.text).toContain('Ihre Erstattung wurde veranlasst');
    expect(at.text).toContain(formatMoney(SAMPLES.REFUND_ISSUED.amount, 'de-AT'));

    const gb = renderNotification(SAMPLES.RETURN_AUTHORIZED, 'en-GB');
    expect(gb.text).toContain('Your return has been approved');
    expect(gb.text).toContain('15 November 2026');

    expect(renderNotification(SAMPLES.RETURN_RECEIVED, 'zh-TW').text).toContain('您的退货已送达');
    expect(renderNotification(SAMPLES.RETURN_RECEIVED, 'ja').text).toContain('返品された商品が到着しました');
  });

  it('falls back to en-US for an unsupported or missing locale', () => {
    const english = renderNotification(SAMPLES.RETURN_RECEIVED, 'en-US');
    expect(renderNotification(SAMPLES.RETURN_RECEIVED, 'fr-FR')).toEqual(english);
    expect(renderNotification(SAMPLES.RETURN_RECEIVED)).toEqual(english);
    expect(renderNotification(SAMPLES.RETURN_RECEIVED, '??')).toEqual(english);
  });
});

describe('escaping', () => {
  const hostile: Notification[] = [
    { ...SAMPLES.RETURN_CLOSED, comment: HOSTILE, sellerName: '<b>Evil & Co</b>' },
    {
      ...SAMPLES.RETURN_CANCELLED_BY_BUYER,
      comment: HOSTILE,
      buyerEmail: '"<img src=x onerror=alert(1)>"@example.com',
    },
    { ...SAMPLES.REFUND_REJECTED, reason: HOSTILE },
  ];
  const cases = hostile.flatMap((n) => SUPPORTED_LOCALES.map((locale) => [n.kind, locale, n] as const));

  it.each(cases)(
    '%s in %s escapes people’s words in html and keeps them verbatim in text',
    (_kind, locale, n) => {
      const r = renderNotification(n, locale);
      expect(r.text).toContain(HOSTILE);
      expect(r.html).toContain(HOSTILE_ESCAPED);
      expect(r.html).not.toMatch(/<script|<img|<b>/i);
      expect(r.html).not.toContain('onerror=alert(1)>');
      for (const tag of tagsOf(r.html)) expect(ALLOWED_TAGS).toContain(tag);
    },
  );

  it('escapes every interpolated value, including ids and names in sentences and subjects', () => {
    const r = renderNotification(
      { ...SAMPLES.RETURN_CLOSED, rma: 'R<1>', orderId: 'O&"2"', sellerName: '<i>Shop</i>' },
      'en-US',
    );
    expect(r.subject).toBe('Your return request R<1> has been closed');
    expect(r.text).toContain('<i>Shop</i> has closed your return request R<1> for order O&"2".');
    expect(r.html).toContain(
      '&lt;i&gt;Shop&lt;/i&gt; has closed your return request R&lt;1&gt; for order O&amp;&quot;2&quot;.',
    );
    expect(r.html).toContain('<title>Your return request R&lt;1&gt; has been closed</title>');
    expect(r.html).not.toContain('<i>');
  });

  it('keeps multi-line comments intact in text and pre-wrapped in html', () => {
    const r = renderNotification({ ...SAMPLES.RETURN_CLOSED, comment: 'line one\nline two' }, 'en-US');
    expect(r.text).toContain('Message from Acme Outdoor:\nline one\nline two');
    expect(r.html).toMatch(
      /<blockquote style="[^"]*white-space:pre-wrap[^"]*">line one\nline two<\/blockquote>/,
    );
  });

  it('never turns a non-web label URL into a link', () => {
    const n = {
      ...SAMPLES.RETURN_AUTHORIZED,
      label: { ...SAMPLES.RETURN_AUTHORIZED.label!, url: 'javascript:alert(1)' },
    };
    expect(NotificationSchema.safeParse(n).success).toBe(false);
    const r = renderNotification(n, 'en-US');
    expect(r.html).not.toMatch(/href="javascript/i);
    expect(r.html).not.toContain('<a ');
    expect(r.text).toContain('javascript:alert(1)');
  });

  it('escapes the label URL inside its href', () => {
    const r = renderNotification(SAMPLES.RETURN_AUTHORIZED, 'en-US');
    expect(r.html).toContain('href="https://labels.example.com/l/3?sig=a&amp;b=c"');
  });

  it('keeps subjects on one line', () => {
    const r = renderNotification({ kind: 'RETURN_RECEIVED', rma: 'RMA\r\nBcc: x@example.com' }, 'en-US');
    expect(r.subject).toBe("We've received your return RMA Bcc: x@example.com");
  });
});

describe('optional parts', () => {
  it('leaves out the comment block when there is no comment', () => {
    const withoutComment = { ...SAMPLES.RETURN_CANCELLED_BY_BUYER };
    delete withoutComment.comment;
    const r = renderNotification(withoutComment, 'en-US');
    expect(r.text).not.toContain("Buyer's comment");
    expect(r.html).not.toContain('<blockquote');
    expect(renderNotification({ ...SAMPLES.RETURN_CLOSED, comment: '   ' }, 'en-US').html).not.toContain(
      '<blockquote',
    );
  });

  it.each([
    ['en-US', 'The seller has closed your return request', 'Message from the seller'],
    ['de-DE', 'Der Verkäufer hat Ihre Rücksendeanfrage', 'Nachricht des Verkäufers'],
    ['zh-CN', '卖家已关闭您', '卖家留言'],
    ['ja-JP', '出品者によりクローズされました', '出品者からのメッセージ'],
  ] as const)('names "the seller" in %s when the seller name is blank', (locale, intro, label) => {
    const r = renderNotification({ ...SAMPLES.RETURN_CLOSED, sellerName: ' ' }, locale);
    expect(r.text).toContain(intro);
    expect(r.text).toContain(label);
  });

  it('shows the return address in the order each locale writes it, with the country named', () => {
    const address = {
      ...SAMPLES.RETURN_AUTHORIZED.returnAddress!,
      country: 'JP',
      region: '東京都',
      city: '千代田区',
      line1: '丸の内1-2-3',
      postalCode: '100-0005',
    };
    const ja = renderNotification({ ...SAMPLES.RETURN_AUTHORIZED, returnAddress: address }, 'ja-JP').text;
    expect(ja).toContain('返送先：\n〒100-0005\n東京都千代田区丸の内1-2-3\nAcme Returns\n日本');
    const en = renderNotification(SAMPLES.RETURN_AUTHORIZED, 'en-US').text;
    expect(en).toContain('Return address:\nAcme Returns\n1 Dock Road\nReno, NV 89501\nUnited States');
    const de = renderNotification(SAMPLES.RETURN_AUTHORIZED, 'de-DE').text;
    expect(de).toContain('Rücksendeadresse:\nAcme Returns\n1 Dock Road\n89501 Reno\nNV\nVereinigte Staaten');
  });
});

describe('carriers', () => {
  const withCarrier = (carrier: string) => ({
    ...SAMPLES.RETURN_AUTHORIZED,
    label: { ...SAMPLES.RETURN_AUTHORIZED.label!, carrier },
  });
  const ON_LABEL: Record<SupportedLocale, string> = {
    'en-US': 'hand it to the carrier named on the label by',
    'de-DE': 'an den auf dem Etikett genannten Versanddienstleister.',
    'zh-CN': '前交给面单上注明的承运商。',
    'ja-JP': 'までにラベルに記載の配送業者にお渡しください。',
  };
  const cases = SUPPORTED_LOCALES.flatMap((locale) =>
    (
      [
        ['ups', 'UPS'],
        ['fedex', 'FedEx'],
        ['usps', 'USPS'],
      ] as const
    ).map(([code, name]) => [code, name, locale] as const),
  );

  it.each(cases)(
    'names %s as "%s" in %s, in the sentence and the facts, never by its code',
    (code, name, locale) => {
      const r = renderNotification(withCarrier(code), locale);
      const sentence = r.text.split('\n\n').find((p) => p.includes('2026'))!;
      expect(sentence).toContain(name);
      expect(r.text).toMatch(new RegExp(`^[^\\n]+[:：] ?${name}$`, 'm'));
      expect(r.text).not.toMatch(new RegExp(`\\b${code}\\b`));
      expect(r.html).not.toMatch(new RegExp(`\\b${code}\\b`));
    },
  );

  it.each(SUPPORTED_LOCALES)(
    'never says "generic" in %s: the buyer hands it to the carrier on the label',
    (locale) => {
      const r = renderNotification(withCarrier('generic'), locale);
      expect(r.text).toContain(ON_LABEL[locale]);
      expect(r.html).toContain(ON_LABEL[locale]);
      expect(`${r.subject}${r.text}${r.html}`).not.toMatch(/generic/i);
      // No carrier row with nothing to show; the tracking number still is.
      expect(r.text).not.toMatch(/^(Carrier|Versanddienstleister|承运商|配送業者)[:：]/m);
      expect(r.text).toContain(SAMPLES.RETURN_AUTHORIZED.label!.trackingNumber);
    },
  );
});

describe('addresses written largest first', () => {
  const authorized = (returnAddress: NonNullable<NotificationOf<'RETURN_AUTHORIZED'>['returnAddress']>) => ({
    ...SAMPLES.RETURN_AUTHORIZED,
    returnAddress,
  });
  const reno = {
    name: 'Acme Returns',
    line1: '500 Warehouse Way',
    city: 'Reno',
    region: 'NV',
    postalCode: '89502',
    country: 'US',
  };

  it('keeps region, city and street of a Latin-script address apart in zh-CN and ja-JP', () => {
    const zh = renderNotification(authorized(reno), 'zh-CN').text;
    expect(zh).toContain('退货地址：\n美国\nNV, Reno, 500 Warehouse Way\nAcme Returns\n邮编：89502');
    expect(zh).not.toContain('NVReno');
    const ja = renderNotification(authorized(reno), 'ja-JP').text;
    expect(ja).toContain('〒89502\nNV, Reno, 500 Warehouse Way\nAcme Returns\nアメリカ合衆国');
  });

  it('writes a Chinese address as one run, and leaves out a missing region', () => {
    const hangzhou = {
      ...reno,
      region: '浙江省',
      city: '杭州市',
      line1: '西湖区文三路1号',
      postalCode: '310012',
      country: 'CN',
    };
    const zh = renderNotification(authorized(hangzhou), 'zh-CN').text;
    expect(zh).toContain('中国\n浙江省杭州市西湖区文三路1号\nAcme Returns');
    const noRegion = { ...reno, region: undefined };
    expect(renderNotification(authorized(noRegion), 'zh-CN').text).toContain(
      '美国\nReno, 500 Warehouse Way\n',
    );
  });
});

describe('fonts', () => {
  const TEXT_ELEMENTS = /<(p|td|th|h1|blockquote|address|a)\b([^>]*)>/g;
  const cases = KINDS.flatMap((kind) => SUPPORTED_LOCALES.map((locale) => [kind, locale] as const));

  it.each(cases)(
    '%s in %s declares the font list on every element holding text, not only on <body>',
    (kind, locale) => {
      const { html } = renderNotification(SAMPLES[kind], locale);
      const elements = [...html.matchAll(TEXT_ELEMENTS)];
      expect(elements.length).toBeGreaterThan(3);
      for (const [tag, , attributes] of elements) {
        expect(attributes, tag).toMatch(/style="font-family:[^";]*'Noto Sans CJK JP'[^";]*sans-serif;/);
      }
    },
  );
});
