import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { NotFoundError } from '../../domain/errors.js';
import type {
  Clock,
  SecretSealer,
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
  WebhookTransport,
} from '../../domain/ports.js';
import {
  rotatedSecrets,
  signingSecretContext,
  toWebhookEndpointView,
  type CreateWebhookEndpointBody,
  type WebhookEndpoint,
  type WebhookEndpointView,
} from '../../domain/webhooks/webhook-endpoint.js';
import { toDeliveryView, type WebhookDeliveryView } from '../../domain/webhooks/webhook-delivery.js';

export interface WebhookEndpointDeps {
  endpoints: WebhookEndpointRepository;
  transport: Pick<WebhookTransport, 'check'>;
  clock: Clock;
  /** Seals each new secret before it is stored; nothing here ever opens one. */
  sealer: Pick<SecretSealer, 'seal'>;
}

/** A Standard Webhooks signing secret: `whsec_` and 32 random bytes in base64. */
const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** The endpoint and, this once, its signing secret. */
export type EndpointWithSecret = WebhookEndpointView & { secret: string };

const mine = async (
  deps: Pick<WebhookEndpointDeps, 'endpoints'>,
  sellerId: string,
  id: string,
): Promise<WebhookEndpoint> => {
  const endpoint = await deps.endpoints.get(sellerId, id);
  if (!endpoint) throw new NotFoundError(`webhook endpoint ${id}`);
  return endpoint;
};

/**
 * Registers an endpoint: its URL is refused unless it is https and resolves to public addresses only (no
 * SSRF into this system's network; checked again at every delivery); the secret is stored sealed
 * under the endpoint's context, and the answer shows it this once.
 */
export const createWebhookEndpoint = async (
  deps: WebhookEndpointDeps,
  sellerId: string,
  body: CreateWebhookEndpointBody,
): Promise<EndpointWithSecret> => {
  await deps.transport.check(body.url);
  const now = deps.clock.now().toISOString();
  const id = `we_${ulid()}`;
  const secret = newSecret();
  const sealed = await deps.sealer.seal(secret, signingSecretContext({ sellerId, id }));
  const endpoint: WebhookEndpoint = {
    id,
    sellerId,
    url: body.url,
    events: body.events,
    ...(body.description === undefined ? {} : { description: body.description }),
    status: 'ENABLED',
    secrets: [{ sealed, createdAt: now }],
    createdAt: now,
    updatedAt: now,
  };
  await deps.endpoints.put(endpoint);
  return { ...toWebhookEndpointView(endpoint), secret };
};

export const listWebhookEndpoints = async (
  deps: Pick<WebhookEndpointDeps, 'endpoints'>,
  sellerId: string,
): Promise<WebhookEndpointView[]> => (await deps.endpoints.list(sellerId)).map(toWebhookEndpointView);

export const deleteWebhookEndpoint = async (
  deps: Pick<WebhookEndpointDeps, 'endpoints'>,
  sellerId: string,
  id: string,
): Promise<void> => {
  if (!(await deps.endpoints.delete(sellerId, id))) throw new NotFoundError(`webhook endpoint ${id}`);
};

/** A new secret, shown once; the old one keeps signing beside it for 24 h, so receivers can switch over. */
export const rotateWebhookSecret = async (
  deps: Pick<WebhookEndpointDeps, 'endpoints' | 'clock' | 'sealer'>,
  sellerId: string,
  id: string,
): Promise<EndpointWithSecret> => {
  const endpoint = await mine(deps, sellerId, id);
  const now = deps.clock.now();
  const secret = newSecret();
  const sealed = await deps.sealer.seal(secret, signingSecretContext(endpoint));
  const rotated = {
    ...endpoint,
    secrets: rotatedSecrets(endpoint, sealed, now),
    updatedAt: now.toISOString(),
  };
  await deps.endpoints.put(rotated);
  return { ...toWebhookEndpointView(rotated), secret };
};

export interface DeliveryDeps {
  endpoints: WebhookEndpointRepository;
  deliveries: WebhookDeliveryRepository;
  clock: Clock;
}

export const listWebhookDeliveries = async (
  deps: Omit<DeliveryDeps, 'clock'>,
  sellerId: string,
  id: string,
): Promise<WebhookDeliveryView[]> => {
  await mine(deps, sellerId, id);
  return deps.deliveries.listForEndpoint(id, 100);
};

/** The event's `returnId` and `sequence`, from its id (`evt_<returnId>_<sequence>`). */
const refOf = (endpointId: string, deliveryId: string) => {
  const [, returnId, sequence] = deliveryId.split('_');
  return { endpointId, returnId: returnId!, sequence: Number(sequence) };
};

/**
 * Sends one delivery again, now: it goes back to PENDING and due (its attempts stay logged). An endpoint
 * a failure disabled is enabled again with it, since the seller says the receiver is back.
 */
export const retryWebhookDelivery = async (
  deps: DeliveryDeps,
  sellerId: string,
  id: string,
  deliveryId: string,
): Promise<WebhookDeliveryView> => {
  const endpoint = await mine(deps, sellerId, id);
  const delivery = await deps.deliveries.get(refOf(id, deliveryId));
  if (!delivery || delivery.sellerId !== sellerId) throw new NotFoundError(`delivery ${deliveryId}`);
  const now = deps.clock.now().toISOString();
  if (endpoint.status === 'DISABLED') {
    const { disabledReason: _r, ...enabled } = endpoint;
    await deps.endpoints.put({ ...enabled, status: 'ENABLED', updatedAt: now });
  }
  const again = { ...delivery, status: 'PENDING' as const, nextAttemptAt: now };
  if (!(await deps.deliveries.update(again, delivery))) {
    throw new NotFoundError(`delivery ${deliveryId} as it stood (it is being sent now)`);
  }
  return toDeliveryView(again);
};
