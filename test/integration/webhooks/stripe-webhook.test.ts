import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stripeSignature } from '../../../infra/local/stand-ins/stripe/webhooks.js';
import type { Return } from '../../../domain/return.js';
import { invoke, newSeller } from '../support/api.js';
import { reread, storedReturn } from '../support/pipeline.js';
import { buyerMails, newBuyer, SUBJECTS } from '../support/refunds.js';
import { connectStripe, stripePayment } from '../support/stripe.js';

/**
 * POST /v1/webhooks/payments/stripe/{connectionId}: the event is verified with the SDK against the
 * connection's webhook secret before anything in it is read, and moves only that seller's refund.
 */
let seller: { sellerId: string; connection: Awaited<ReturnType<typeof connectStripe>> };
let other: { sellerId: string; connection: Awaited<ReturnType<typeof connectStripe>> };

beforeAll(async () => {
  const a = await newSeller();
  const b = await newSeller();
  seller = { sellerId: a.sellerId, connection: await connectStripe(a.sellerId) };
  other = { sellerId: b.sellerId, connection: await connectStripe(b.sellerId) };
});
afterAll(() => vi.restoreAllMocks());

/** A refund Stripe is settling for a return of `sellerId`'s. */
const settling = async (sellerId: string): Promise<Return> => {
  const ret = await storedReturn({
    sellerId,
    status: 'REFUND_IN_PROGRESS',
    buyer: newBuyer(),
    payment: stripePayment(),
  });
  return ret;
};

const refundEvent = (ret: Return, status: string, id = `evt_${Math.random().toString(36).slice(2)}`) =>
  JSON.stringify({
    id,
    object: 'event',
    type: status === 'failed' ? 'refund.failed' : 'refund.updated',
    data: {
      object: {
        id: 're_webhook1',
        object: 'refund',
        status,
        ...(status === 'failed' ? { failure_reason: 'lost_or_stolen_card' } : {}),
        metadata: {
          returnId: ret.id,
          rma: ret.rma,
          sellerId: ret.sellerId,
          kind: 'REFUND',
          paymentKey: ret.refund!.refundId,
        },
      },
    },
  });

const post = (connectionId: string, raw: string, signature?: string) =>
  invoke('StripeWebhook', {
    path: `/v1/webhooks/payments/stripe/${connectionId}`,
    raw,
    headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
  });

describe('the Stripe webhook', () => {
  it('takes a signed refund.updated: the refund COMPLETED, the buyer mailed once, a redelivery a duplicate', async () => {
    const ret = await settling(seller.sellerId);
    const body = refundEvent(ret, 'succeeded', 'evt_ok_1');

    const first = await post(
      seller.connection.connectionId,
      body,
      stripeSignature(body, seller.connection.webhookSecret),
    );
    const again = await post(
      seller.connection.connectionId,
      body,
      stripeSignature(body, seller.connection.webhookSecret),
    );

    expect(first).toMatchObject({ status: 200, body: { status: 'accepted', returnId: ret.id } });
    expect(again).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect(await reread(ret)).toMatchObject({
      status: 'COMPLETED',
      refund: { status: 'COMPLETED', providerRef: 're_webhook1' },
    });
    expect(await buyerMails(ret, SUBJECTS.REFUND_ISSUED)).toHaveLength(1);
  });

  const unsigned = async (
    why: string,
    sign: (body: string) => string | undefined,
    mutate = (b: string) => b,
  ) => {
    const ret = await settling(seller.sellerId);
    const body = refundEvent(ret, 'succeeded');
    const warn = vi.spyOn(process.stdout, 'write');
    const answer = await post(seller.connection.connectionId, mutate(body), sign(body));
    const logged = warn.mock.calls.map((c) => String(c[0])).join('');
    warn.mockRestore();
    expect(answer.status, why).toBe(401);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      type: '/problems/invalid-signature',
      errors: [{ field: 'stripe-signature' }],
    });
    // Nothing written, and no secret in the answer or the logs.
    expect(await reread(ret)).toEqual(ret);
    for (const text of [JSON.stringify(answer.body), logged]) {
      expect(text).not.toContain(seller.connection.webhookSecret);
      expect(text).not.toContain(seller.connection.secretKey);
    }
  };

  it('refuses a tampered body', () =>
    unsigned(
      'tampered',
      (body) => stripeSignature(body, seller.connection.webhookSecret),
      (body) => body.replace('succeeded', 'failed'),
    ));
  it('refuses an expired signature (more than 300 s old)', () =>
    unsigned('expired', (body) =>
      stripeSignature(body, seller.connection.webhookSecret, Math.floor(Date.now() / 1000) - 301),
    ));
  it('refuses a signature under another secret', () =>
    unsigned('wrong secret', (body) => stripeSignature(body, other.connection.webhookSecret)));
  it('refuses a missing signature', () => unsigned('missing', () => undefined));

  it("does not move another seller's return, even signed by that seller's own connection", async () => {
    const ret = await settling(seller.sellerId);
    const body = refundEvent(ret, 'failed');

    const answer = await post(
      other.connection.connectionId,
      body,
      stripeSignature(body, other.connection.webhookSecret),
    );

    expect(answer).toMatchObject({ status: 200, body: { status: 'unknown' } });
    expect(await reread(ret)).toEqual(ret);
  });

  it('answers 404 for a connection that does not exist, before reading the body', async () => {
    const answer = await post('conn_doesnotexist000000', 'not json', 't=1,v1=00');
    expect(answer).toMatchObject({ status: 404, body: { type: '/problems/not-found' } });
  });

  it('a refund failing after it succeeded sends the return to NEEDS_ATTENTION and mails the seller', async () => {
    const ret = await settling(seller.sellerId);
    const sign = (body: string) => stripeSignature(body, seller.connection.webhookSecret);
    const ok = refundEvent(ret, 'succeeded');
    await post(seller.connection.connectionId, ok, sign(ok));
    const failed = refundEvent(ret, 'failed');

    expect((await post(seller.connection.connectionId, failed, sign(failed))).body).toMatchObject({
      status: 'accepted',
    });

    expect(await reread(ret)).toMatchObject({
      status: 'NEEDS_ATTENTION',
      refund: { status: 'FAILED', failureReason: 'lost_or_stolen_card' },
      attention: { step: 'IssueRefund', resumeStatus: 'REFUND_IN_PROGRESS' },
    });
    expect((await reread(ret)).timeline.filter((e) => e.type === 'REFUND_EVENT').map((e) => e.to)).toEqual([
      'REFUNDED',
      'NEEDS_ATTENTION',
    ]);
  });
});
