import * as z from '../zod.js';

export const DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;

/** One try at a delivery, as `GET /v1/webhook-endpoints/{id}/deliveries` shows it. */
export const DeliveryAttemptSchema = z.object({
  attempt: z.number().check(z.int()),
  at: z.string(),
  outcome: z.enum(['SUCCEEDED', 'FAILED']),
  /** The receiver's HTTP status, when it answered. */
  responseCode: z.optional(z.number().check(z.int())),
  durationMs: z.number().check(z.int()),
  /** Why it failed, when it did: a timeout, a refused address, a redirect. */
  error: z.optional(z.string()),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

/**
 * One event for one endpoint. Its id is the event's id (an endpoint gets each event once), stable across
 * every retry, so a receiver de-duplicates on `webhook-id`.
 */
export const WebhookDeliverySchema = z.object({
  deliveryId: z.string(),
  endpointId: z.string(),
  sellerId: z.string(),
  returnId: z.string(),
  sequence: z.number().check(z.int()),
  eventType: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.array(DeliveryAttemptSchema),
  createdAt: z.string(),
  /** When the next try is due, while PENDING. */
  nextAttemptAt: z.optional(z.string()),
  /** The event as JSON: the body, signed as is. */
  payload: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveryViewSchema = z.omit(WebhookDeliverySchema, { sellerId: true, payload: true });
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryViewSchema>;

export const toDeliveryView = ({
  sellerId: _s,
  payload: _p,
  ...view
}: WebhookDelivery): WebhookDeliveryView => view;

/** The retry schedule: exponential from 5 s, full jitter, each wait at most 6 h, for up to 3 days. */
export const RETRY_POLICY = { firstDelayMs: 5_000, maxDelayMs: 6 * 3_600_000, giveUpAfterMs: 3 * 86_400_000 };

/** The wait before try `attempt + 1` after `attempt` failed: full jitter over an exponential cap. */
export const retryDelayMs = (attempt: number, random: () => number, policy = RETRY_POLICY): number => {
  const cap = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
  return Math.max(1, Math.floor(random() * cap));
};

/** What an attempt's result does to the delivery and to its endpoint. */
export interface AttemptDecision {
  delivery: WebhookDelivery;
  /** Set when the endpoint must be disabled, with why. */
  disableEndpoint?: string;
}

/**
 * After one try: a 2xx succeeds; a 410 (the receiver is gone for good) fails the delivery and disables the
 * endpoint; any other failure is retried after `retryDelayMs`, until the delivery is older than the retry
 * window, when it fails and the endpoint is disabled (its seller is told).
 */
export const decideAfterAttempt = (
  delivery: WebhookDelivery,
  attempt: Omit<DeliveryAttempt, 'attempt' | 'outcome'>,
  random: () => number,
  policy = RETRY_POLICY,
): AttemptDecision => {
  const number = delivery.attempts.length + 1;
  const succeeded =
    attempt.responseCode !== undefined && attempt.responseCode >= 200 && attempt.responseCode < 300;
  const logged: DeliveryAttempt = {
    attempt: number,
    outcome: succeeded ? 'SUCCEEDED' : 'FAILED',
    ...attempt,
  };
  const { nextAttemptAt: _n, ...base } = delivery;
  const attempts = [...delivery.attempts, logged];
  if (succeeded) return { delivery: { ...base, attempts, status: 'SUCCEEDED' } };
  if (attempt.responseCode === 410) {
    return {
      delivery: { ...base, attempts, status: 'FAILED' },
      disableEndpoint: 'the receiver answered 410 Gone',
    };
  }
  const next = new Date(Date.parse(attempt.at) + retryDelayMs(number, random, policy));
  if (next.getTime() - Date.parse(delivery.createdAt) > policy.giveUpAfterMs) {
    return {
      delivery: { ...base, attempts, status: 'FAILED' },
      disableEndpoint: 'deliveries kept failing through the whole retry window',
    };
  }
  return { delivery: { ...base, attempts, status: 'PENDING', nextAttemptAt: next.toISOString() } };
};
