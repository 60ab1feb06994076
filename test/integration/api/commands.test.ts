import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { invoke, newSeller } from '../support/api.js';
import { mailTo } from '../support/mailbox.js';
import { createBody, daysAgo } from '../../support/requests.js';

const outOfWindow = (buyerEmail: string, locale = 'en-US') =>
  createBody({ deliveredAt: daysAgo(60), buyer: { email: buyerEmail, locale, country: 'US' } });

describe('authorize, close and cancel', () => {
  let sellerId: string;
  const open = async (body: unknown) => {
    const created = await invoke('CreateReturn', { sellerId, path: '/v1/returns', body });
    expect(created.status).toBe(201);
    return created.body as { id: string; rma: string; status: string };
  };
  beforeAll(async () => {
    ({ sellerId } = await newSeller());
  });

  it('authorizes a request as returnless, recording who did it', async () => {
    const ret = await open(outOfWindow(`b-${ulid()}@example.com`));
    expect(ret.status).toBe('AUTHORIZATION_REQUIRED');
    const answer = await invoke('AuthorizeReturn', {
      sellerId,
      path: `/v1/returns/${ret.id}/authorize`,
      body: { returnless: true },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'AUTHORIZED', returnless: true });
    const events = await invoke('ListReturnEvents', { sellerId, path: `/v1/returns/${ret.id}/events` });
    expect(events.body.items).toMatchObject([
      { type: 'CREATED' },
      {
        type: 'AUTHORIZE',
        from: 'AUTHORIZATION_REQUIRED',
        to: 'AUTHORIZED',
        actor: { kind: 'seller', id: sellerId },
      },
    ]);
  });

  it('closes with reason and comment, and mails the buyer in Japanese', async () => {
    const buyer = `b-${ulid()}@example.jp`;
    const ret = await open(outOfWindow(buyer, 'ja-JP'));
    const comment = '<b>返品期間</b>を過ぎています';
    const answer = await invoke('CloseReturn', {
      sellerId,
      path: `/v1/returns/${ret.id}/close`,
      body: { reason: 'OUTSIDE_RETURN_WINDOW', comment },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'CLOSED',
      closure: { reason: 'OUTSIDE_RETURN_WINDOW', comment },
    });
    const [mail, ...more] = await mailTo(buyer);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toContain(ret.rma);
    expect(mail!.body.text).toContain(comment);
    expect(mail!.body.html).toContain('&lt;b&gt;返品期間&lt;/b&gt;');
    expect(mail!.body.text).toMatch(/返品/);
  });

  it('requires a comment when the reason is OTHER', async () => {
    const ret = await open(outOfWindow(`b-${ulid()}@example.com`));
    const answer = await invoke('CloseReturn', {
      sellerId,
      path: `/v1/returns/${ret.id}/close`,
      body: { reason: 'OTHER' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'comment', rule: expect.stringContaining('required') }]);
  });

  it('cancels for the buyer and mails the seller', async () => {
    const ret = await open(outOfWindow(`b-${ulid()}@example.com`));
    const answer = await invoke('CancelReturn', { sellerId, path: `/v1/returns/${ret.id}/cancel` });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('CANCELLED');
    const mails = await mailTo(`${sellerId}@sellers.example`);
    expect(mails.some((m) => m.body.text?.includes(ret.rma))).toBe(true);
  });

  it('refuses to authorize a closed return with 409, and changes nothing', async () => {
    const ret = await open(outOfWindow(`b-${ulid()}@example.com`));
    await invoke('CloseReturn', {
      sellerId,
      path: `/v1/returns/${ret.id}/close`,
      body: { reason: 'OUTSIDE_POLICY' },
    });
    const before = await invoke('ListReturnEvents', { sellerId, path: `/v1/returns/${ret.id}/events` });
    const answer = await invoke('AuthorizeReturn', { sellerId, path: `/v1/returns/${ret.id}/authorize` });
    expect(answer.status).toBe(409);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body.type).toBe('/problems/illegal-transition');
    const after = await invoke('ListReturnEvents', { sellerId, path: `/v1/returns/${ret.id}/events` });
    expect(after.body).toEqual(before.body);
  });

  it('lets exactly one of two racing closes win; the loser re-reads and is refused', async () => {
    const ret = await open(outOfWindow(`b-${ulid()}@example.com`));
    const close = (reason: string) =>
      invoke('CloseReturn', { sellerId, path: `/v1/returns/${ret.id}/close`, body: { reason } });
    const [a, b] = await Promise.all([close('OUTSIDE_POLICY'), close('OUTSIDE_RETURN_WINDOW')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'OUTSIDE_POLICY' : 'OUTSIDE_RETURN_WINDOW';
    const stored = await invoke('GetReturn', { sellerId, path: `/v1/returns/${ret.id}` });
    expect(stored.body.closure).toEqual({ reason: winner });
    const events = await invoke('ListReturnEvents', { sellerId, path: `/v1/returns/${ret.id}/events` });
    expect((events.body.items as unknown[]).length).toBe(2);
  });
});
