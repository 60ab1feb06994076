import Stripe from 'stripe';

/** Stripe's own API, unless STRIPE_API_BASE points the SDK elsewhere (the local stand-in, any Stripe-compatible server). */
const DEFAULT_API_BASE = 'https://api.stripe.com';

/**
 * The SDK's timeout per request, under the task functions' 10 s: a call that hangs is given up in time
 * for the step to record it and be retried with the same idempotency key.
 */
const TIMEOUT_MS = 5_000;

/**
 * A Stripe client for one seller's key, on the real SDK, pointed at STRIPE_API_BASE through its host,
 * port and protocol options. The SDK retries nothing itself (maxNetworkRetries 0): the pipeline's step
 * retries with backoff, with the same key, and decides what a failure means.
 */
export const stripeClient = (
  secretKey: string,
  apiBase = process.env.STRIPE_API_BASE ?? DEFAULT_API_BASE,
): Stripe => {
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
    maxNetworkRetries: 0,
    timeout: TIMEOUT_MS,
    telemetry: false,
  });
};
