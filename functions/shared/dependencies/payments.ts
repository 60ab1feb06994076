import type { PaymentPort } from '../../../domain/ports.js';
import { SellerPayments } from '../../adapters/seller-payments.js';
import { readStripePlatform } from '../../adapters/stripe/platform-secret.js';
import { stripeClient } from '../../adapters/stripe/stripe-client.js';
import { StripePayments } from '../../adapters/stripe/stripe-payments.js';
import { connections } from './connections.js';

/**
 * The payment port refunds and concessions go through: Stripe, on the seller's own connection or the
 * region's Connect platform key for the seller's account, for a return with a Stripe payment reference
 * (STRIPE_API_BASE, Stripe's API by default); otherwise a manual payout.
 */
export const payments: PaymentPort = new SellerPayments(
  connections,
  readStripePlatform,
  (credentials) => new StripePayments(stripeClient(credentials)),
);
