import type { PaymentPort } from '../../../domain/ports.js';
import { SellerPayments } from '../../adapters/seller-payments.js';
import { stripeClient } from '../../adapters/stripe/stripe-client.js';
import { StripePayments } from '../../adapters/stripe/stripe-payments.js';
import { connections } from './connections.js';

/**
 * The payment port refunds and concessions go through: Stripe, on the seller's own connection, for a
 * return with a Stripe payment reference (STRIPE_API_BASE, Stripe's API by default); otherwise a manual payout.
 */
export const payments: PaymentPort = new SellerPayments(
  connections,
  (secretKey) => new StripePayments(stripeClient(secretKey)),
);
