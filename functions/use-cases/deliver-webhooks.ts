import { Webhook } from 'standardwebhooks';
import type {
  Clock,
  DeliveryRef,
  SecretSealer,
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
  WebhookTransport,
} from '../../domain/ports.js';
import type { RETRY_POLICY } from '../../domain/webhooks/webhook-delivery.js';
import { decideAfterAttempt, type WebhookDelivery } from '../../domain/webhooks/webhook-delivery.js';
import { logger } from '../shared/observability.js';
import {
  signingSecretContext,
  signingSecrets,
  type WebhookEndpoint,
} from '../../domain/webhooks/webhook-endpoint.js';

export interface DeliverWebhooksDeps {
  endpoints: WebhookEndpointRepository;
  deliveries: WebhookDeliveryRepository;
  transport: Pick<WebhookTransport, 'post'>;
  /** Opens the endpoints' sealed signing secrets (the only code that does). */
  sealer: Pick<SecretSealer, 'open'>;
  clock: Clock;
  random: () => number;
  /** Per try: a receiver slower than this fails the try and delays nobody else. */
  timeoutMs: number;
  /** The retry schedule (shortened in tests). */
  retryPolicy?: typeof RETRY_POLICY;
  /** Told when an endpoint is disabled, with why (the seller is to hear of it). */
  onDisabled?: (endpoint: WebhookEndpoint, why: string) => Promise<void>;
}

/** The Standard Webhooks headers, signed with every secret that signs now (two during a rotation). */
export const signedHeaders = (
  delivery: WebhookDelivery,
  secrets: readonly string[],
  now: Date,
): Record<string, string> => ({
  'webhook-id': delivery.deliveryId,
  'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
  'webhook-signature': secrets
    .map((secret) => new Webhook(secret).sign(delivery.deliveryId, now, delivery.payload))
    .join(' '),
});

const CLAIM_MARGIN_MS = 30_000;

const chainOf = (ref: DeliveryRef): string => `${ref.endpointId}#${ref.returnId}`;

/** The signing secrets that sign for an endpoint at `now`, opened; throws when one does not open. */
type OpenSecrets = (endpoint: WebhookEndpoint, now: Date) => Promise<string[]>;

/**
 * Opens each sealed secret once per pass, however many of the endpoint's chains are sent side by side in
 * it (one Decrypt per secret, not per try); each under its own endpoint's context, so a secret copied
 * from another seller's or endpoint's item does not open.
 */
const openedForOnePass = (sealer: DeliverWebhooksDeps['sealer']): OpenSecrets => {
  const opened = new Map<string, Promise<string>>();
  return (endpoint, now) =>
    Promise.all(
      signingSecrets(endpoint, now).map((sealed) => {
        const key = `${endpoint.sellerId}#${endpoint.id}#${sealed}`;
        let secret = opened.get(key);
        if (!secret) {
          secret = sealer.open(sealed, signingSecretContext(endpoint));
          opened.set(key, secret);
        }
        return secret;
      }),
    );
};

/** What a try's log says when the secrets do not open: never the error's text, which is KMS's. */
const SECRETS_DO_NOT_OPEN = 'the signing secrets could not be opened; nothing was sent';

/**
 * One pass of the delivery worker: every chain (one endpoint, one return) with a due delivery is sent
 * side by side, each try with its own timeout, so a slow receiver holds up only its own chain. Within a
 * chain only the oldest PENDING delivery is ever sent: a return's later event waits for the earlier one.
 * A success moves on to the next in the chain at once.
 */
export const deliverDueWebhooks = async (deps: DeliverWebhooksDeps, limit = 50): Promise<number> => {
  const due = await deps.deliveries.due(deps.clock.now(), limit);
  const chains = [...new Map(due.map((ref) => [chainOf(ref), ref])).values()];
  const open = openedForOnePass(deps.sealer);
  const sent = await Promise.allSettled(chains.map((ref) => deliverChain(deps, open, ref)));
  return sent.reduce((n, result) => n + (result.status === 'fulfilled' ? result.value : 0), 0);
};

const deliverChain = async (
  deps: DeliverWebhooksDeps,
  open: OpenSecrets,
  ref: DeliveryRef,
): Promise<number> => {
  let tries = 0;
  for (;;) {
    const head = await deps.deliveries.chainHead(ref.endpointId, ref.returnId);
    const now = deps.clock.now();
    if (!head || !head.nextAttemptAt || head.nextAttemptAt > now.toISOString()) return tries;
    tries += 1;
    if (!(await attempt(deps, open, head, now))) return tries;
  }
};

/** One try at one delivery, logged on it; true when it succeeded. */
const attempt = async (
  deps: DeliverWebhooksDeps,
  open: OpenSecrets,
  delivery: WebhookDelivery,
  now: Date,
): Promise<boolean> => {
  const endpoint = await deps.endpoints.get(delivery.sellerId, delivery.endpointId);
  if (!endpoint || endpoint.status !== 'ENABLED') {
    const { nextAttemptAt: _n, ...rest } = delivery;
    const why = endpoint
      ? `the endpoint is disabled: ${endpoint.disabledReason ?? ''}`
      : 'the endpoint was deleted';
    const failed: WebhookDelivery = {
      ...rest,
      status: 'FAILED',
      attempts: [
        ...delivery.attempts,
        {
          attempt: delivery.attempts.length + 1,
          at: now.toISOString(),
          outcome: 'FAILED',
          durationMs: 0,
          error: why,
        },
      ],
    };
    await deps.deliveries.update(failed, delivery);
    return false;
  }
  // Claimed for the length of a try: another worker sees it not due, and a worker that dies mid-try
  // leaves it due again once the claim lapses (at least once).
  const claimed = {
    ...delivery,
    nextAttemptAt: new Date(now.getTime() + deps.timeoutMs + CLAIM_MARGIN_MS).toISOString(),
  };
  if (!(await deps.deliveries.update(claimed, delivery))) return false;
  const started = performance.now();
  let result: { responseCode?: number; error?: string };
  try {
    // Fails closed: a secret that does not open sends nothing (and is retried like any failed try).
    const secrets = await open(endpoint, now).catch((error: unknown) => {
      // The name only (InvalidCiphertextException: sealed for another item; or KMS refused): never a value.
      logger.error('webhook signing secrets did not open', {
        sellerId: endpoint.sellerId,
        endpointId: endpoint.id,
        errorName: (error as Error).name,
      });
      return undefined;
    });
    if (!secrets) throw new Error(SECRETS_DO_NOT_OPEN);
    const headers = signedHeaders(delivery, secrets, now);
    const { status } = await deps.transport.post(endpoint.url, headers, delivery.payload, deps.timeoutMs);
    result =
      status >= 300 && status < 400
        ? { responseCode: status, error: 'redirects are not followed' }
        : { responseCode: status };
  } catch (error) {
    result = { error: (error as Error).message };
  }
  const durationMs = Math.round(performance.now() - started);
  const decision = decideAfterAttempt(
    delivery,
    { at: now.toISOString(), durationMs, ...result },
    deps.random,
    deps.retryPolicy,
  );
  if (!(await deps.deliveries.update(decision.delivery, claimed))) return false;
  if (decision.disableEndpoint) {
    const disabled: WebhookEndpoint = {
      ...endpoint,
      status: 'DISABLED',
      disabledReason: decision.disableEndpoint,
      updatedAt: now.toISOString(),
    };
    await deps.endpoints.put(disabled);
    await deps.onDisabled?.(disabled, decision.disableEndpoint);
  }
  return decision.delivery.status === 'SUCCEEDED';
};
