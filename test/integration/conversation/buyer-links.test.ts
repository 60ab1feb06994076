import { beforeAll, describe, expect, it } from 'vitest';
import { KmsLinkSigner } from '../../../functions/adapters/kms-link-signer.js';
import { mintLink } from '../../../functions/use-cases/link-tokens.js';
import { offerLinkClaims, type LinkClaims } from '../../../domain/link-token.js';
import type { Return } from '../../../domain/return.js';
import { invoke } from '../support/api.js';
import { mailTo } from '../support/mailbox.js';
import { reread, storedReturn } from '../support/pipeline.js';
import { uniqueId } from '../support/table.js';
import { newBuyer, refundSeller, paidByStripe, sellerMails } from '../support/refunds.js';
import { linksInMail, openLink, postForm } from './buyer-page-client.js';

/**
 * The buyer's links, through the real page handler, KMS (the stand-in's HMAC key through the real SDK)
 * and dynalite: each token property of issue 16, with the proof that a refused link wrote nothing.
 */
let sellerId: string;
const signer = new KmsLinkSigner();

beforeAll(async () => {
  ({ sellerId } = await refundSeller());
});

const OFFER_SUBJECT = /An offer of/;

/** A return for a buyer of its own, and an offer on it with its mailed accept and decline tokens. */
const offered = async (overrides: Partial<Return> = {}, keepItem = false) => {
  const ret = await storedReturn({
    sellerId,
    status: 'LABEL_ISSUED',
    buyer: newBuyer(),
    ...paidByStripe(),
    ...overrides,
  });
  const made = await invoke('MakeOffer', {
    sellerId,
    path: `/v1/returns/${ret.id}/offers`,
    body: { amount: { amount: 1500, currency: 'USD' }, keepItem, message: 'Would <b>15</b> dollars do?' },
    headers: { 'idempotency-key': uniqueId('offer') },
  });
  expect(made.status).toBe(201);
  const [accept, decline] = await linksInMail(ret.buyer.email, OFFER_SUBJECT);
  const stored = await reread(ret);
  return { ret: stored, offer: stored.offers![0]!, accept: accept!, decline: decline! };
};

/** The claims part of a token, re-encoded after `change`; its MAC kept. */
const altered = (token: string, change: (claims: LinkClaims) => LinkClaims): string => {
  const [claims, mac] = token.split('.') as [string, string];
  const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as LinkClaims;
  return `${Buffer.from(JSON.stringify(change(parsed))).toString('base64url')}.${mac}`;
};

/** A refusal writes nothing: the return reads back exactly as before. */
const expectUnchanged = async (before: Return) => expect(await reread(before)).toEqual(before);

describe('a buyer link', () => {
  it('opens a page that shows the offer and changes nothing: a mail scanner following it accepts nothing', async () => {
    const { ret, accept, decline } = await offered();
    for (const token of [accept, decline, accept]) {
      const page = await openLink(token);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.html).toContain('<html lang="en-US">');
      expect(page.html).toContain('$15.00');
      // The seller's words are escaped, never markup.
      expect(page.html).toContain('Would &lt;b&gt;15&lt;/b&gt; dollars do?');
      expect(page.html).not.toMatch(/<script|<img|https?:\/\/(?!.*token)/i);
      expect(page.html).toMatch(/<form method="post" action="links">/);
    }
    await expectUnchanged(ret);
  });

  it('accepts once; the replayed link, and the decline link after it, are refused and write nothing', async () => {
    const { ret, accept, decline } = await offered();
    const first = await postForm({ token: accept });
    expect(first.status).toBe(200);
    expect(first.html).toContain('you accepted the offer');
    const accepted = await reread(ret);
    expect(accepted.offers![0]).toMatchObject({ status: 'ACCEPTED', answeredVia: 'LINK' });
    expect(accepted.timeline.filter((e) => e.type === 'ACCEPT_OFFER')).toHaveLength(1);
    expect(await sellerMails(ret, /accepted your offer/)).toHaveLength(1);

    const replayed = await postForm({ token: accept });
    expect(replayed.status).toBe(409);
    expect(replayed.html).toContain('answered already');
    expect((await postForm({ token: decline })).status).toBe(409);
    expect((await openLink(accept)).status).toBe(409);
    await expectUnchanged(accepted);
  });

  it('refuses a tampered token, offer id or amount (the MAC covers them) with 403, writing nothing', async () => {
    const { ret, accept } = await offered();
    const [claims, mac] = accept.split('.') as [string, string];
    const flip = (s: string, at: number) => `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;
    const tampered = [
      `${claims}.${flip(mac, 5)}`,
      `${flip(claims, 10)}.${mac}`,
      altered(accept, (c) => ({ ...c, target: `${ret.id}-offer-${'0'.repeat(26)}` })),
      altered(accept, (c) => ({ ...c, amount: { amount: 2500, currency: 'USD' } })),
      altered(accept, (c) => ({ ...c, purpose: 'OFFER_DECLINE' })),
      altered(accept, (c) => ({ ...c, expiresAt: c.expiresAt + 86_400 })),
      `${claims}.`,
      'not-a-token',
      'a'.repeat(2000),
    ];
    for (const token of tampered) {
      const page = await postForm({ token });
      expect(page.status, token.slice(0, 40)).toBe(403);
      expect(page.html).toContain('This link is not valid');
      expect((await openLink(token)).status).toBe(403);
    }
    await expectUnchanged(ret);
  });

  it('refuses a correctly signed link that names another amount, another return or another nonce (404)', async () => {
    const { ret, offer } = await offered();
    const other = await storedReturn({ sellerId, status: 'LABEL_ISSUED', buyer: newBuyer() });
    const claims = offerLinkClaims(ret, offer, 'OFFER_ACCEPT');
    const forged = [
      { ...claims, amount: { amount: 2500, currency: 'USD' as const } },
      { ...claims, returnId: other.id },
      { ...claims, nonce: 'another-nonce' },
    ];
    for (const c of forged) {
      const token = await mintLink(signer, c);
      expect((await postForm({ token })).status).toBe(404);
      expect((await openLink(token)).status).toBe(404);
    }
    await expectUnchanged(ret);
    await expectUnchanged(other);
  });

  it('refuses an expired link with 410, writing nothing', async () => {
    const { ret, offer } = await offered();
    const expired = await mintLink(signer, {
      ...offerLinkClaims(ret, offer, 'OFFER_ACCEPT'),
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const page = await postForm({ token: expired });
    expect(page.status).toBe(410);
    expect(page.html).toContain('This link has expired.');
    expect((await openLink(expired)).status).toBe(410);
    await expectUnchanged(ret);
  });

  it('refuses a link after its offer was withdrawn (410), writing nothing', async () => {
    const { ret, offer, accept } = await offered();
    const withdrawn = await invoke('WithdrawOffer', {
      sellerId,
      path: `/v1/returns/${ret.id}/offers/${offer.offerId}/withdraw`,
    });
    expect(withdrawn.status).toBe(200);
    const after = await reread(ret);
    expect(after.offers![0]!.status).toBe('WITHDRAWN');
    const page = await postForm({ token: accept });
    expect(page.status).toBe(410);
    expect(page.html).toContain('withdrawn');
    expect((await openLink(accept)).status).toBe(410);
    await expectUnchanged(after);
    // The buyer is told, once, from the withdrawal's event.
    await mailTo(ret.buyer.email);
    const told = (await mailTo(ret.buyer.email)).filter((m) => /was withdrawn/.test(m.subject));
    expect(told.map((m) => m.subject)).toEqual([
      `The offer of $15.00 for your return ${ret.rma} was withdrawn`,
    ]);
  });

  it('answers a malformed form or a missing token with a clear error page and a 4xx, writing nothing', async () => {
    const { ret, accept } = await offered();
    const cases: Array<[Promise<{ status: number; html: string }>, number]> = [
      [openLink(undefined), 403],
      [openLink(''), 403],
      [postForm(`token=${encodeURIComponent(accept)}`, { 'content-type': 'application/json' }), 415],
      [postForm(`token=${encodeURIComponent(accept)}`, {}), 415],
      [postForm({ token: accept, extra: 'x' }), 400],
      [postForm(`token=${encodeURIComponent(accept)}&token=${encodeURIComponent(accept)}`), 400],
      [postForm({ token: accept, body: 'an offer takes no text' }), 422],
      [postForm(''), 400],
    ];
    for (const [answer, status] of cases) {
      const page = await answer;
      expect(page.status).toBe(status);
      expect(page.html).toMatch(/^<!doctype html>/);
      expect(page.html).toContain('role="alert"');
    }
    await expectUnchanged(ret);
  });

  it('shows the error page in the browser language when the link is no good', async () => {
    const page = await openLink('nope', { 'accept-language': 'de-DE,de;q=0.9' });
    expect(page.status).toBe(403);
    expect(page.html).toContain('<html lang="de-DE">');
    expect(page.html).toContain('Dieser Link ist ungültig');
  });
});

describe('a reply link', () => {
  it('shows the seller message, takes one reply into the thread, mails the seller, and refuses a replay', async () => {
    const ret = await storedReturn({
      sellerId,
      status: 'DELIVERED',
      buyer: { ...newBuyer(), locale: 'ja-JP' },
    });
    const posted = await invoke('PostMessage', {
      sellerId,
      path: `/v1/returns/${ret.id}/messages`,
      body: { body: 'Could you send a <photo> of the damage?', from: 'SELLER' },
    });
    expect(posted.status).toBe(201);
    expect(posted.body).not.toHaveProperty('linkNonce');
    const [reply] = await linksInMail(ret.buyer.email, /メッセージが届きました/);
    const before = await reread(ret);

    const page = await openLink(reply!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="ja-JP">');
    expect(page.html).toContain('Could you send a &lt;photo&gt; of the damage?');
    expect(page.html).toMatch(
      /<label for="body">[^<]+<\/label><textarea id="body" name="body" required maxlength="2000"/,
    );
    await expectUnchanged(before);

    expect((await postForm({ token: reply!, body: '   ' })).status).toBe(400);
    expect((await postForm({ token: reply!, body: 'x'.repeat(2001) })).status).toBe(400);
    await expectUnchanged(before);

    const sent = await postForm({ token: reply!, body: 'Sent, see <attached>' });
    expect(sent.status).toBe(200);
    const after = await reread(ret);
    expect(after.messages).toHaveLength(2);
    expect(after.messages![1]).toMatchObject({
      from: 'BUYER',
      via: 'REPLY_LINK',
      body: 'Sent, see <attached>',
    });
    expect(await sellerMails(ret, /The buyer sent a message/)).toHaveLength(1);

    const replayed = await postForm({ token: reply!, body: 'again' });
    expect(replayed.status).toBe(409);
    expect(replayed.html).toContain(
      '既に使用されています'.slice(0, 0) || 'このリンクはすでに使用されています',
    );
    await expectUnchanged(after);

    const thread = await invoke('ListMessages', { sellerId, path: `/v1/returns/${ret.id}/messages` });
    expect(thread.body.items).toEqual([
      expect.objectContaining({ from: 'SELLER', body: 'Could you send a <photo> of the damage?' }),
      expect.objectContaining({ from: 'BUYER', replyTo: after.messages![0]!.messageId }),
    ]);
    expect(JSON.stringify(thread.body)).not.toContain('linkNonce');
  });
});
