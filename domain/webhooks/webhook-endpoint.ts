import * as z from '../zod.js';
import { EventPatternSchema } from '../events/event-types.js';

/** `POST /v1/webhook-endpoints`: where to send which events. */
export const CreateWebhookEndpointBodySchema = z.strictObject({
  url: z
    .string()
    .check(z.maxLength(2048), z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })),
  events: z.array(EventPatternSchema).check(z.minLength(1), z.maxLength(50)),
  description: z.optional(z.string().check(z.maxLength(200))),
});
export type CreateWebhookEndpointBody = z.infer<typeof CreateWebhookEndpointBodySchema>;

export const WebhookEndpointIdParamsSchema = z.strictObject({
  id: z
    .string()
    .check(z.regex(/^we_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a webhook endpoint id (we_ and a ULID)')),
});

export const WebhookDeliveryParamsSchema = z.strictObject({
  ...WebhookEndpointIdParamsSchema.shape,
  deliveryId: z
    .string()
    .check(z.regex(/^evt_[0-9A-HJKMNP-TV-Z]{26}_[0-9]{4,}$/, 'must be a delivery id (the id of its event)')),
});

/**
 * A signing secret as stored: the `whsec_...` text sealed with KMS under `signingSecretContext` (the
 * plaintext is shown to the seller once and exists otherwise only in the delivery worker's memory).
 */
export const SealedSigningSecretSchema = z.object({
  sealed: z.string(),
  createdAt: z.string(),
  /** When this secret stops signing: set on the old one when a new one is issued. */
  expiresAt: z.optional(z.string()),
});
export type SealedSigningSecret = z.infer<typeof SealedSigningSecretSchema>;

export const WEBHOOK_ENDPOINT_STATUSES = ['ENABLED', 'DISABLED'] as const;

/** A seller's webhook endpoint as stored. */
export const WebhookEndpointSchema = z.object({
  id: z.string(),
  sellerId: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.optional(z.string()),
  status: z.enum(WEBHOOK_ENDPOINT_STATUSES),
  /** Why it was disabled: the receiver answered 410, or its deliveries kept failing. */
  disabledReason: z.optional(z.string()),
  secrets: z.array(SealedSigningSecretSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/** An endpoint as its seller reads it: never a secret. */
export const WebhookEndpointViewSchema = z.omit(WebhookEndpointSchema, { sellerId: true, secrets: true });
export type WebhookEndpointView = z.infer<typeof WebhookEndpointViewSchema>;

export const toWebhookEndpointView = ({
  sellerId: _s,
  secrets: _k,
  ...view
}: WebhookEndpoint): WebhookEndpointView => view;

/**
 * What an endpoint's sealed secrets are bound to (the KMS encryption context, which CloudTrail logs with
 * each Decrypt): a sealed value copied onto another seller's or another endpoint's item does not open,
 * nor does a connection's secret (another purpose).
 */
export const signingSecretContext = (
  endpoint: Pick<WebhookEndpoint, 'sellerId' | 'id'>,
): Record<string, string> => ({
  purpose: 'webhook-signing-secret',
  sellerId: endpoint.sellerId,
  endpointId: endpoint.id,
});

/** How long the previous secret keeps signing after a rotation. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/** The sealed secrets that sign at `now`: the current one, and the previous one for a day after a rotation. */
export const signingSecrets = (endpoint: WebhookEndpoint, now: Date): string[] =>
  endpoint.secrets.filter((s) => !s.expiresAt || s.expiresAt > now.toISOString()).map((s) => s.sealed);

/** A new (sealed) secret in front, the others expiring within the overlap; long-expired ones dropped. */
export const rotatedSecrets = (
  endpoint: WebhookEndpoint,
  sealed: string,
  now: Date,
): SealedSigningSecret[] => {
  const expiresAt = new Date(now.getTime() + SECRET_OVERLAP_MS).toISOString();
  const kept = endpoint.secrets
    .filter((s) => !s.expiresAt || s.expiresAt > now.toISOString())
    .map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < expiresAt ? s.expiresAt : expiresAt }));
  return [{ sealed, createdAt: now.toISOString() }, ...kept];
};
