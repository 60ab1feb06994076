import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call, mailTo, type CapturedEmail } from './support/http.js';
import { waitForReturn } from './support/pipeline.js';
import { paidByStripe, paymentsOf } from './support/lifecycle.js';
import { BUYER_ADDRESS, createBody } from '../support/requests.js';

type Read = Record<string, unknown> & {
  status: string;
  returnless: boolean;
  label?: { shipmentId?: string; void?: { status: string } };
  refund?: { amount: { amount: number }; breakdown: Array<{ kind: string; amount: number }> };
  messages?: Array<{ from: string; body: string; via: string }>;
  offers?: Array<{ status: string; answeredVia?: string }>;
};

/** The buyer links in a mail, as a buyer's mail client shows them. */
const linksIn = (mail: CapturedEmail): string[] =>
  [...(mail.body.text ?? '').matchAll(/https?:\/\/\S+\/v1\/buyer\/links\?token=\S+/g)].map((m) => m[0]);

/** What a browser does with the page's form: post its fields, urlencoded, to its action. */
const submitForm = async (pageUrl: string, html: string, fields: Record<string, string> = {}) => {
  const action = /<form method="post" action="([^"]+)">/.exec(html)![1]!;
  const token = /<input type="hidden" name="token" value="([^"]+)">/.exec(html)![1]!.replaceAll('&amp;', '&');
  const response = await fetch(new URL(action, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, ...fields }).toString(),
  });
  return { status: response.status, html: await response.text() };
};

/**
 * The buyer's side on `npm start`, as a buyer would do it: the links in the real mails the local SES
 * captured, opened in a "browser" (fetch), the page's form posted; the seller's side over the API.
 */
describe('messages and offers with the buyer, through the mailed links', () => {
  let stack: RunningStack;
  let key: string;
  const read = async (id: string) => (await call<Read>(stack.api, `/v1/returns/${id}`, { key })).body;

  beforeAll(async () => {
    stack = await startLocalStack();
    key = stack.sellers[0]!.apiKey;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a message thread, and a keepItem offer accepted from the mail, refunded once at the offered amount', async () => {
    const buyer = {
      email: `buyer-${randomUUID()}@example.com`,
      locale: 'de-DE',
      country: 'US',
      address: BUYER_ADDRESS,
    };
    const created = (
      await call<{ id: string }>(stack.api, '/v1/returns', {
        key,
        body: createBody({ buyer, ...paidByStripe() }),
      })
    ).body;
    await waitForReturn(stack, key, created.id, (r) => r.status === 'LABEL_ISSUED');

    // The seller writes; the buyer answers through the mail's reply link.
    const posted = await call(stack.api, `/v1/returns/${created.id}/messages`, {
      key,
      body: { body: 'Können Sie ein Foto schicken?', from: 'SELLER' },
    });
    expect(posted.status).toBe(201);
    // The authorization's mail goes out from the outbox, so it may come before or after this one.
    const message = (await mailTo(stack.ses, buyer.email, 2)).find((m) => m.subject.includes('geschrieben'));
    expect(message).toBeDefined();
    const [replyUrl] = linksIn(message!);
    const replyPage = await fetch(replyUrl!);
    expect(replyPage.status).toBe(200);
    expect(replyPage.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    const replyHtml = await replyPage.text();
    expect(replyHtml).toContain('<html lang="de-DE">');
    expect(replyHtml).toContain('Können Sie ein Foto schicken?');
    const replied = await submitForm(replyUrl!, replyHtml, { body: 'Foto ist unterwegs <3' });
    expect(replied.status).toBe(200);
    expect((await read(created.id)).messages).toMatchObject([
      { from: 'SELLER', via: 'API' },
      { from: 'BUYER', via: 'REPLY_LINK', body: 'Foto ist unterwegs <3' },
    ]);
    expect((await submitForm(replyUrl!, replyHtml, { body: 'noch einmal' })).status).toBe(409);

    // The seller offers 15 dollars and the buyer keeps the item.
    const offered = await call(stack.api, `/v1/returns/${created.id}/offers`, {
      key,
      body: {
        amount: { amount: 1500, currency: 'USD' },
        keepItem: true,
        message: 'Behalten Sie den Artikel.',
      },
    });
    expect(offered.status).toBe(201);
    const offerMail = (await mailTo(stack.ses, buyer.email, 3)).find((m) => m.subject.includes('Angebot'));
    const [acceptUrl, declineUrl] = linksIn(offerMail!);
    // A mail scanner opens both links: nothing changes.
    const before = await read(created.id);
    const acceptPage = await fetch(acceptUrl!);
    expect(acceptPage.status).toBe(200);
    const acceptHtml = await acceptPage.text();
    expect((await fetch(declineUrl!)).status).toBe(200);
    expect(await read(created.id)).toEqual(before);

    const accepted = await submitForm(acceptUrl!, acceptHtml);
    expect(accepted.status).toBe(200);
    expect(accepted.html).toContain('Sie haben das Angebot angenommen');
    await waitForReturn(stack, key, created.id, (r) => r.status === 'COMPLETED');
    const done = await read(created.id);
    expect(done.returnless).toBe(true);
    expect(done.offers).toMatchObject([{ status: 'ACCEPTED', answeredVia: 'LINK' }]);
    expect(done.refund!.amount.amount).toBe(1500);
    expect(done.refund!.breakdown.at(-1)).toMatchObject({ kind: 'NEGOTIATED_ADJUSTMENT' });
    const payments = await paymentsOf(stack, created.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amount: 1500 });
    // A label bought from a provider is voided: the buyer sends nothing back.
    if (done.label?.shipmentId) expect(done.label.void).toBeDefined();
    // Pressing the button again changes nothing.
    expect((await submitForm(acceptUrl!, acceptHtml)).status).toBe(409);
  });
});
