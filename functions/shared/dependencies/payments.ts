import type { PaymentPort } from '../../../domain/ports.js';
import { SellerPayments } from '../../adapters/seller-payments.js';
import { readStripePlatform } from '../../adapters/stripe/platform-secret.js';
import { onFirstUse } from '../on-first-use.js';
import { connections } from './connections.js';

/**
 * The Stripe adapter and the official SDK under it (about 250 KB, which registers every resource when
 * evaluated), loaded on the first Stripe payment: a return with a manual payout, or a seller without a
 * Stripe connection, never needs it, and a cold start does not evaluate it.
 */
const stripeAdapter = onFirstUse(async () => {
  const [{ StripePayments }, { stripeClient }] = await Promise.all([
    import('../../adapters/stripe/stripe-payments.js'),
    import('../../adapters/stripe/stripe-client.js'),
  ]);
  return { StripePayments, stripeClient };
});

/**
 * The payment port refunds and concessions go through: Stripe, on the seller's own connection or the
 * region's Connect platform key for the seller's account, for a return with a Stripe payment reference
 * (STRIPE_API_BASE, Stripe's API by default); otherwise a manual payout.
 */
export const payments: PaymentPort = new SellerPayments(connections, readStripePlatform, (credentials) => ({
  pay: async (request) => {
    const { StripePayments, stripeClient } = await stripeAdapter();
    return new StripePayments(stripeClient(credentials)).pay(request);
  },
}));
