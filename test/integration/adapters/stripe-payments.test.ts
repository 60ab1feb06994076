import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PaymentDeclinedError } from '../../../domain/errors.js';
import type { PaymentRequest } from '../../../domain/ports.js';
import { stripeClient } from '../../../functions/adapters/stripe/stripe-client.js';
import {
  PaymentProviderUnavailableError,
  StripePayments,
} from '../../../functions/adapters/stripe/stripe-payments.js';
import { ownStripe, stripePayment, type OwnStripe } from '../support/stripe.js';
import { uniqueId } from '../support/table.js';

/**
 * The Stripe adapter on the official SDK, against the Stripe API stand-in over HTTP: what it sends,
 * and what each of Stripe's answers (refund statuses, errors, replays) comes to.
 */
let stripe: OwnStripe;
const SECRET_KEY = 'sk_test_adapterAccount0001';
const adapter = () => new StripePayments(stripeClient(SECRET_KEY));

beforeAll(async () => {
  stripe = await ownStripe();
});
afterAll(() => stripe.stop());
beforeEach(() => stripe.setMode({ mode: 'succeed' }));

const request = (overrides: Partial<PaymentRequest> = {}): PaymentRequest => {
  const returnId = uniqueId('ret');
  return {
    idempotencyKey: `${returnId}-refund`,
    sellerId: 'seller-a',
    returnId,
    rma: 'RMA-AAAAA-BBBBB',
    orderId: '113-1',
    amount: { amount: 2599, currency: 'USD' },
    kind: 'REFUND',
    payment: stripePayment(),
    ...overrides,
  };
};

describe('the Stripe adapter', () => {
  it('refunds the PaymentIntent in minor units and lower-case currency, with our key and metadata', async () => {
    const req = request();

    const result = await adapter().pay(req);

    const [made] = stripe.refundsOf({ id: req.returnId });
    expect(result).toEqual({ status: 'COMPLETED', providerRef: made!.id });
    expect(made).toMatchObject({
      amount: 2599,
      currency: 'usd',
      payment_intent: req.payment!.paymentIntentId,
      idempotencyKey: req.idempotencyKey,
      metadata: {
        returnId: req.returnId,
        rma: req.rma,
        sellerId: 'seller-a',
        kind: 'REFUND',
        paymentKey: req.idempotencyKey,
      },
    });
  });

  it('refunds a Charge when the reference is one, and takes JPY as it is (no minor unit)', async () => {
    const req = request({
      payment: { provider: 'stripe', chargeId: 'ch_jpy0001' },
      amount: { amount: 1500, currency: 'JPY' },
    });
    await adapter().pay(req);
    expect(stripe.refundsOf({ id: req.returnId })).toEqual([
      expect.objectContaining({ charge: 'ch_jpy0001', amount: 1500, currency: 'jpy' }),
    ]);
  });

  it('answers the same refund for the same key, once in the ledger', async () => {
    const req = request();
    const first = await adapter().pay(req);
    expect(await adapter().pay(req)).toEqual(first);
    expect(stripe.refundsOf({ id: req.returnId })).toHaveLength(1);
  });

  it('maps pending to IN_PROGRESS', async () => {
    await stripe.setMode({ mode: 'pending', seconds: 60 });
    expect(await adapter().pay(request())).toMatchObject({ status: 'IN_PROGRESS' });
  });

  it.each([
    ['the same key with other parameters (idempotency_error)', 'idempotency'],
    ['a card error (402)', 'decline'],
    ['an amount above what is left (amount_too_large)', 'too-large'],
  ] as const)('refuses for good on %s: PaymentDeclinedError, nothing more refunded', async (_what, kind) => {
    const req = request();
    if (kind === 'idempotency') await adapter().pay(req);
    if (kind === 'decline') await stripe.setMode({ mode: 'decline', times: 1 });
    const asked =
      kind === 'idempotency'
        ? { ...req, amount: { amount: 1, currency: 'USD' as const } }
        : kind === 'too-large'
          ? { ...req, payment: { provider: 'stripe' as const, paymentIntentId: (await paidIntent(1000)).id } }
          : req;
    const error = await adapter()
      .pay(asked)
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect((error as Error).message).toMatch(
      {
        idempotency: /idempotency_error/,
        decline: /card_error card_declined/,
        'too-large': /amount_too_large/,
      }[kind],
    );
    expect(stripe.refundsOf({ id: req.returnId })).toHaveLength(kind === 'idempotency' ? 1 : 0);
  });

  it('refuses for good when Stripe refuses the key, without quoting it', async () => {
    const error = await new StripePayments(stripeClient('sk_live_notAtTheStandIn99'))
      .pay(request())
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect((error as Error).message).not.toContain('sk_live');
  });

  it.each(['error-after-refund', 'timeout-after-refund'] as const)(
    'finds the refund Stripe made when the answer was lost (%s), and makes no second one',
    async (mode) => {
      await stripe.setMode({ mode, times: 1 });
      const req = request();

      const result = await adapter().pay(req);

      const made = stripe.refundsOf({ id: req.returnId });
      expect(made).toHaveLength(1);
      expect(result).toEqual({ status: 'COMPLETED', providerRef: made[0]!.id });
      // Stripe replays a 500 for the key; the adapter finds the refund again, never makes another.
      expect(await adapter().pay(req)).toEqual(result);
      expect(stripe.refundsOf({ id: req.returnId })).toHaveLength(1);
    },
    15_000,
  );

  it('is retryable when Stripe is down and made nothing: the same key then refunds once', async () => {
    await stripe.setMode({ mode: 'outage', times: 1 });
    const req = request();
    await expect(adapter().pay(req)).rejects.toThrow(PaymentProviderUnavailableError);
    expect(stripe.refundsOf({ id: req.returnId })).toEqual([]);

    await adapter().pay(req);
    expect(stripe.refundsOf({ id: req.returnId })).toHaveLength(1);
  });
});

const paidIntent = (amount: number) =>
  stripeClient(SECRET_KEY).paymentIntents.create({ amount, currency: 'usd' });
