import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stripeClient } from '../../../functions/adapters/stripe/stripe-client.js';
import { refundIdOf } from '../../../domain/refund-decision.js';
import type { Return } from '../../../domain/return.js';
import { startSecretsManager } from '../../../infra/local/stand-ins/secrets-manager.js';
import { stripeSignature } from '../../../infra/local/stand-ins/stripe/webhooks.js';
import { invoke, newSeller } from '../support/api.js';
import { reread, storedReturn } from '../support/pipeline.js';
import {
  SUBJECTS,
  buyerMails,
  entriesOf,
  failureOf,
  newBuyer,
  refundCompletedEntries,
  runStep,
} from '../support/refunds.js';
import { ownStripe, refundMetadataOf, type OwnStripe } from '../support/stripe.js';

/**
 * Stripe Connect end to end on the stand-ins: a seller connected by account id is refunded with the
 * region's platform key (read from the Secrets Manager stand-in through the real SDK) acting for its
 * account only (Stripe-Account), exactly once; the platform's Connect webhook verifies each event with
 * the platform's secret and moves only the return of the seller whose account the event names.
 */

const platformKey = `sk_test_platform${randomBytes(8).toString('hex')}`;
const platformWebhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
const accountA = `acct_${randomBytes(8).toString('hex')}`;
const accountB = `acct_${randomBytes(8).toString('hex')}`;

let stripe: OwnStripe;
let secretsManager: Awaited<ReturnType<typeof startSecretsManager>>;
let sellerA: string;
let sellerB: string;

const putAccount = (sellerId: string, accountId: string) =>
  invoke('PutStripeIntegration', {
    sellerId,
    path: '/v1/integrations/stripe',
    body: { accountId },
  });

/** The connected account's Stripe, as the platform reaches it. */
const asAccount = (accountId: string) => stripeClient({ secretKey: platformKey, stripeAccount: accountId });

beforeAll(async () => {
  stripe = await ownStripe();
  secretsManager = await startSecretsManager();
  process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secretsManager.endpoint;
  process.env.STRIPE_CONNECT_PLATFORM_KEY_ARN = secretsManager.create(
    'stripe-connect-platform',
    JSON.stringify({ secretKey: platformKey, webhookSecret: platformWebhookSecret }),
  );
  ({ sellerId: sellerA } = await newSeller());
  ({ sellerId: sellerB } = await newSeller());
  expect((await putAccount(sellerA, accountA)).status).toBe(200);
  expect((await putAccount(sellerB, accountB)).status).toBe(200);
});
afterAll(async () => {
  await stripe.stop();
  await secretsManager.stop();
});
beforeEach(() => stripe.setMode({ mode: 'succeed' }));

/** An inspected return of `sellerId`'s, paid with a PaymentIntent of `paidIn`'s account. */
const inspectedPaidIn = async (sellerId: string, paidIn: string): Promise<Return> => {
  const intent = await asAccount(paidIn).paymentIntents.create({ amount: 100_000, currency: 'usd' });
  return storedReturn({
    sellerId,
    status: 'INSPECTED',
    buyer: newBuyer(),
    payment: { provider: 'stripe', paymentIntentId: intent.id },
  });
};

describe('PUT /v1/integrations/stripe with an accountId', () => {
  it("shows the Connect mode, and refuses an account another seller's connection names", async () => {
    const view = await invoke('GetStripeIntegration', { sellerId: sellerA, path: '/v1/integrations/stripe' });
    expect(view.body).toMatchObject({ mode: 'connect', accountId: accountA });

    const { sellerId: thief } = await newSeller();
    const taken = await putAccount(thief, accountA);

    expect(taken.status).toBe(422);
    expect(taken.body.errors).toEqual([
      { field: 'accountId', rule: expect.stringContaining('another seller') },
    ]);
    expect(
      (await invoke('GetStripeIntegration', { sellerId: thief, path: '/v1/integrations/stripe' })).status,
    ).toBe(404);
  });
});

describe('DELETE /v1/integrations/stripe of a Connect seller', () => {
  it('frees its account: another seller may then connect it, and events follow the new seller', async () => {
    const account = `acct_${randomBytes(8).toString('hex')}`;
    const { sellerId: first } = await newSeller();
    const { sellerId: second } = await newSeller();
    expect((await putAccount(first, account)).status).toBe(200);
    expect((await putAccount(second, account)).status).toBe(422);

    const deleted = await invoke('DeleteStripeIntegration', {
      sellerId: first,
      path: '/v1/integrations/stripe',
    });

    expect(deleted.status).toBe(204);
    expect((await putAccount(second, account)).status).toBe(200);
    // The first seller cannot take it back while the second holds it.
    expect((await putAccount(first, account)).status).toBe(422);
  });
});

describe('a Connect seller is refunded with the platform key, for its account only', () => {
  it('pays the refund once in the connected account, however often IssueRefund runs', async () => {
    const ret = await inspectedPaidIn(sellerA, accountA);
    await runStep('ComputeRefund', ret);
    await runStep('IssueRefund', ret);
    await runStep('IssueRefund', ret);

    const stored = await reread(ret);
    const inAccount = await asAccount(accountA).refunds.list({
      payment_intent: ret.payment!.paymentIntentId!,
    });
    expect(inAccount.data).toEqual([
      expect.objectContaining({
        amount: stored.refund!.amount.amount,
        status: 'succeeded',
        metadata: expect.objectContaining({
          returnId: ret.id,
          sellerId: sellerA,
          paymentKey: refundIdOf(ret),
        }),
      }),
    ]);
    expect(stripe.refundsOf(ret)).toEqual([expect.objectContaining({ idempotencyKey: refundIdOf(ret) })]);
    // The platform's own account and the other connected account hold nothing of it.
    expect((await stripeClient({ secretKey: platformKey }).refunds.list({})).data).toEqual([]);
    expect((await asAccount(accountB).refunds.list({})).data).toEqual([]);
    expect(stored.status).toBe('COMPLETED');
    expect(stored.refund).toMatchObject({ status: 'COMPLETED', providerRef: inAccount.data[0]!.id });
    expect(refundCompletedEntries(stored)).toHaveLength(1);
    expect(await buyerMails(ret, SUBJECTS.REFUND_ISSUED)).toHaveLength(1);
  });

  it("refuses, as Stripe does, to refund another account's payment: NEEDS_ATTENTION, nothing paid", async () => {
    const ret = await inspectedPaidIn(sellerB, accountA);
    await runStep('ComputeRefund', ret);

    const error = await failureOf(runStep('IssueRefund', ret));

    expect(error.name).toBe('PaymentDeclinedError');
    expect(error.message).toContain('resource_missing');
    const failed = await reread(ret);
    expect(failed.status).toBe('NEEDS_ATTENTION');
    expect(failed.refund?.status).toBe('FAILED');
    expect(stripe.refundsOf(ret)).toEqual([]);
  });
});

describe('POST /v1/webhooks/payments/stripe/connect', () => {
  /** A refund Stripe is settling for a return of `sellerId`'s. */
  const settling = async (sellerId: string, account: string) => {
    const ret = await inspectedPaidIn(sellerId, account);
    await stripe.setMode({ mode: 'pending', seconds: 3600 });
    await runStep('ComputeRefund', ret);
    await runStep('IssueRefund', ret);
    const pending = await reread(ret);
    expect(pending.refund?.status).toBe('IN_PROGRESS');
    return pending;
  };

  const succeededEvent = (ret: Return, account: string) =>
    JSON.stringify({
      id: `evt_${randomBytes(8).toString('hex')}`,
      object: 'event',
      type: 'refund.updated',
      account,
      data: {
        object: {
          id: ret.refund!.providerRef,
          object: 'refund',
          status: 'succeeded',
          metadata: refundMetadataOf(ret),
        },
      },
    });

  const post = (raw: string, signature: string) =>
    invoke('StripeConnectWebhook', {
      path: '/v1/webhooks/payments/stripe/connect',
      raw,
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    });

  it("takes an event signed with the platform's secret: the account's seller's refund COMPLETED", async () => {
    const ret = await settling(sellerA, accountA);
    const body = succeededEvent(ret, accountA);

    const answer = await post(body, stripeSignature(body, platformWebhookSecret));

    expect(answer).toMatchObject({ status: 200, body: { status: 'accepted', returnId: ret.id } });
    const after = await reread(ret);
    expect(after.refund?.status).toBe('COMPLETED');
    expect(after.status).toBe('COMPLETED');
    expect(await buyerMails(ret, SUBJECTS.REFUND_ISSUED)).toHaveLength(1);
  });

  it.each([
    ['a tampered body', (body: string) => body.replace('"succeeded"', '"failed"'), platformWebhookSecret],
    [
      "a seller's secret, not the platform's",
      (body: string) => body,
      `whsec_${randomBytes(16).toString('hex')}`,
    ],
  ])('refuses %s with a 401, changing nothing', async (_, change, secret) => {
    const ret = await settling(sellerA, accountA);
    const body = succeededEvent(ret, accountA);

    const answer = await post(change(body), stripeSignature(body, secret));

    expect(answer.status).toBe(401);
    expect(answer.contentType).toBe('application/problem+json');
    expect(JSON.stringify(answer.body)).not.toContain(platformWebhookSecret);
    expect(await reread(ret)).toEqual(ret);
  });

  it('is not found where the region has no Connect platform', async () => {
    const body = JSON.stringify({ id: 'evt_x', type: 'refund.updated', account: accountA });
    const arn = process.env.STRIPE_CONNECT_PLATFORM_KEY_ARN;
    delete process.env.STRIPE_CONNECT_PLATFORM_KEY_ARN;
    try {
      const answer = await post(body, stripeSignature(body, platformWebhookSecret));
      expect(answer.status).toBe(404);
      expect(answer.contentType).toBe('application/problem+json');
    } finally {
      process.env.STRIPE_CONNECT_PLATFORM_KEY_ARN = arn;
    }
  });

  it('refuses an expired signature (over 300 s old)', async () => {
    const ret = await settling(sellerA, accountA);
    const body = succeededEvent(ret, accountA);
    const old = Math.floor(Date.now() / 1000) - 301;

    expect((await post(body, stripeSignature(body, platformWebhookSecret, old))).status).toBe(401);
    expect(await reread(ret)).toEqual(ret);
  });

  it("never touches another seller's return: an event of account B naming A's return is unknown", async () => {
    const ret = await settling(sellerA, accountA);
    const body = succeededEvent(ret, accountB);

    const answer = await post(body, stripeSignature(body, platformWebhookSecret));

    expect(answer).toMatchObject({ status: 200, body: { status: 'unknown' } });
    expect(await reread(ret)).toEqual(ret);
  });

  it('takes an event of an account no seller connected as unknown, and one without an account as ignored', async () => {
    const ret = await settling(sellerA, accountA);
    const stranger = succeededEvent(ret, `acct_${randomBytes(8).toString('hex')}`);
    const platformOwn = JSON.stringify({ ...JSON.parse(succeededEvent(ret, accountA)), account: undefined });

    expect((await post(stranger, stripeSignature(stranger, platformWebhookSecret))).body).toEqual({
      status: 'unknown',
    });
    expect((await post(platformOwn, stripeSignature(platformOwn, platformWebhookSecret))).body).toEqual({
      status: 'ignored',
    });
    expect(entriesOf(await reread(ret), 'REFUND_EVENT')).toEqual([]);
  });
});
