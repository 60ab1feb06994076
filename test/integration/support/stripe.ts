import { randomBytes, randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PaymentReference } from '../../../domain/payment-reference.js';
import type { Return } from '../../../domain/return.js';
import type { StripeControl } from '../../../infra/local/stand-ins/stripe/control.js';
import { startStripeStandIn } from '../../../infra/local/stand-ins/stripe/server.js';
import { invoke } from './api.js';

/**
 * A Stripe API stand-in of the test file's own, which the handlers' Stripe adapter reaches through
 * STRIPE_API_BASE (read per call), with its control file and its ledger: what "Stripe" refunded, by key.
 */
export const ownStripe = async () => {
  const controlFile = join(tmpdir(), `stripe-control-${randomUUID()}.json`);
  const standIn = await startStripeStandIn({ controlFile });
  process.env.STRIPE_API_BASE = standIn.endpoint;
  return {
    endpoint: standIn.endpoint,
    /** Switches a failure mode on (see infra/local/stand-ins/stripe/control.ts), or off with `succeed`. */
    setMode: (control: StripeControl) => writeFile(controlFile, JSON.stringify(control)),
    /** The refunds Stripe made for a return, each with the Idempotency-Key it was made under. */
    refundsOf: (ret: Pick<Return, 'id'>) =>
      standIn.ledger.refunds().filter((r) => r.metadata.returnId === ret.id),
    stop: async () => {
      await standIn.stop();
      await rm(controlFile, { force: true });
    },
  };
};
export type OwnStripe = Awaited<ReturnType<typeof ownStripe>>;

/** A PaymentIntent of the order, which the refund goes back to. */
export const stripePayment = (): PaymentReference => ({
  provider: 'stripe',
  paymentIntentId: `pi_${randomBytes(12).toString('hex')}`,
});

/**
 * Connects a seller to Stripe through the real `PUT /v1/integrations/stripe`, with a test key of its own
 * (its own account at the stand-in) and a webhook signing secret.
 */
export const connectStripe = async (sellerId: string) => {
  const secretKey = `sk_test_${randomBytes(12).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const put = await invoke('PutStripeIntegration', {
    sellerId,
    path: '/v1/integrations/stripe',
    body: { secretKey, webhookSecret },
  });
  if (put.status !== 200) throw new Error(`PUT /v1/integrations/stripe answered ${put.status}`);
  return { secretKey, webhookSecret, connectionId: String(put.body.connectionId) };
};
