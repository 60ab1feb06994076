import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES_PER_HOUR } from '../../../domain/conversation.js';
import { invoke, newSeller } from '../support/api.js';
import { reread, storedReturn } from '../support/pipeline.js';
import { newBuyer } from '../support/refunds.js';

/** The conversation's endpoints refuse bad input with problem+json naming the field, and write nothing. */
let sellerId: string;
beforeAll(async () => {
  ({ sellerId } = await newSeller());
});

const OFFER = { amount: { amount: 1000, currency: 'USD' }, keepItem: false, message: 'A partial refund?' };

describe('the conversation endpoints, given bad input', () => {
  it('refuse bad messages and offers with problem+json naming the field, writing nothing', async () => {
    const ret = await storedReturn({ sellerId, status: 'DELIVERED', buyer: newBuyer() });
    const cases: Array<[string, string, unknown, number, string]> = [
      ['PostMessage', 'messages', { body: '', from: 'SELLER' }, 400, 'body'],
      ['PostMessage', 'messages', { body: '   ', from: 'SELLER' }, 400, 'body'],
      ['PostMessage', 'messages', { body: 'x'.repeat(2001), from: 'SELLER' }, 400, 'body'],
      ['PostMessage', 'messages', { body: 'hi', from: 'SYSTEM' }, 400, 'from'],
      ['PostMessage', 'messages', { body: 'hi', from: 'SELLER', html: true }, 400, 'html'],
      ['MakeOffer', 'offers', { ...OFFER, amount: { amount: 0, currency: 'USD' } }, 400, 'amount/amount'],
      [
        'MakeOffer',
        'offers',
        { ...OFFER, amount: { amount: 1000, currency: 'EUR' } },
        422,
        'amount/currency',
      ],
      ['MakeOffer', 'offers', { ...OFFER, amount: { amount: 2808, currency: 'USD' } }, 422, 'amount/amount'],
      ['MakeOffer', 'offers', { ...OFFER, keepItem: true }, 422, 'keepItem'],
      ['MakeOffer', 'offers', { ...OFFER, expiresAt: 'tomorrow' }, 400, 'expiresAt'],
      ['MakeOffer', 'offers', { ...OFFER, expiresAt: '2020-01-01T00:00:00Z' }, 422, 'expiresAt'],
      ['MakeOffer', 'offers', { amount: OFFER.amount, message: '' }, 400, 'keepItem'],
    ];
    for (const [route, path, body, status, field] of cases) {
      const answer = await invoke(route, { sellerId, path: `/v1/returns/${ret.id}/${path}`, body });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(await reread(ret)).toEqual(ret);
  });

  it('refuse a malformed or unknown offer id, and another seller’s return, writing nothing', async () => {
    const ret = await storedReturn({ sellerId, status: 'DELIVERED', buyer: newBuyer() });
    const bad = await invoke('AcceptOffer', { sellerId, path: `/v1/returns/${ret.id}/offers/nope/accept` });
    expect(bad.status).toBe(400);
    const unknown = await invoke('AcceptOffer', {
      sellerId,
      path: `/v1/returns/${ret.id}/offers/${ret.id}-offer-${'0'.repeat(26)}/accept`,
    });
    expect(unknown).toMatchObject({ status: 404, contentType: 'application/problem+json' });
    const { sellerId: other } = await newSeller();
    const foreign = await invoke('MakeOffer', {
      sellerId: other,
      path: `/v1/returns/${ret.id}/offers`,
      body: OFFER,
    });
    expect(foreign.status).toBe(404);
    expect(
      (await invoke('ListMessages', { sellerId: other, path: `/v1/returns/${ret.id}/messages` })).status,
    ).toBe(404);
    expect(await reread(ret)).toEqual(ret);
  });

  it(`take ${MESSAGES_PER_HOUR} messages an hour on a return, then answer 429 and write nothing`, async () => {
    const ret = await storedReturn({ sellerId, status: 'DELIVERED', buyer: newBuyer() });
    for (let i = 0; i < MESSAGES_PER_HOUR; i++) {
      const posted = await invoke('PostMessage', {
        sellerId,
        path: `/v1/returns/${ret.id}/messages`,
        body: { body: `message ${i}`, from: i % 2 ? 'BUYER' : 'SELLER' },
      });
      expect(posted.status).toBe(201);
    }
    const full = await reread(ret);
    const limited = await invoke('PostMessage', {
      sellerId,
      path: `/v1/returns/${ret.id}/messages`,
      body: { body: 'one more', from: 'SELLER' },
    });
    expect(limited).toMatchObject({ status: 429, body: { type: '/problems/rate-limited' } });
    expect(await reread(ret)).toEqual(full);
  });

  it('keep one offer open at a time: a second is refused until the first is withdrawn', async () => {
    const ret = await storedReturn({ sellerId, status: 'DELIVERED', buyer: newBuyer() });
    const first = await invoke('MakeOffer', { sellerId, path: `/v1/returns/${ret.id}/offers`, body: OFFER });
    expect(first.status).toBe(201);
    const second = await invoke('MakeOffer', { sellerId, path: `/v1/returns/${ret.id}/offers`, body: OFFER });
    expect(second.status).toBe(422);
    const { offerId } = first.body.offer as { offerId: string };
    const withdraw = () =>
      invoke('WithdrawOffer', { sellerId, path: `/v1/returns/${ret.id}/offers/${offerId}/withdraw` });
    expect((await withdraw()).status).toBe(200);
    expect((await withdraw()).status).toBe(409);
    const decline = await invoke('DeclineOffer', {
      sellerId,
      path: `/v1/returns/${ret.id}/offers/${offerId}/decline`,
    });
    expect(decline).toMatchObject({ status: 409, body: { type: '/problems/not-answerable' } });
    expect(
      (await invoke('MakeOffer', { sellerId, path: `/v1/returns/${ret.id}/offers`, body: OFFER })).status,
    ).toBe(201);
  });
});
