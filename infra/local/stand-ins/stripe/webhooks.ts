import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { stripeId, type StripeAccount, type StripeRefund } from './ledger.js';

export type RefundEventType = 'refund.created' | 'refund.updated' | 'refund.failed';

/** Stripe's signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" under the endpoint's secret>`. */
export const stripeSignature = (
  payload: string,
  secret: string,
  at = Math.floor(Date.now() / 1000),
): string => `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${payload}`).digest('hex')}`;

const ATTEMPTS = 3;

/**
 * Sends one event about a refund to every endpoint of the account that takes its type, signed as
 * Stripe signs, retrying a failed delivery a few times (Stripe retries for days; a stand-in needs less).
 * The event goes on the account's list whether or not anyone takes it.
 */
export const sendRefundEvent = (
  account: StripeAccount,
  type: RefundEventType,
  refund: StripeRefund,
  previous: Partial<StripeRefund> | undefined,
): void => {
  const event = {
    id: stripeId('evt'),
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    data: { object: refund, ...(previous ? { previous_attributes: previous } : {}) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  account.events.push({ id: event.id, type, refund: refund.id, status: refund.status });
  const payload = JSON.stringify(event);
  for (const endpoint of account.endpoints) {
    if (!endpoint.enabled_events.includes('*') && !endpoint.enabled_events.includes(type)) continue;
    void deliver(endpoint.url, payload, endpoint.secret);
  }
};

const deliver = async (url: string, payload: string, secret: string): Promise<void> => {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(payload, secret) },
        body: payload,
      });
      if (response.ok) return;
    } catch {
      // Not listening (yet, or any more): try again.
    }
    await sleep(1000 * attempt);
  }
};
