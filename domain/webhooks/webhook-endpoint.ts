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

/** A signing secret: `whsec_` and base64, as Standard Webhooks has them. Both of a rotation sign for a while. */
export const SigningSecretSchema = z.object({
  secret: z.string(),
  createdAt: z.string(),
  /** When this secret stops signing: set on the old one when a new one is issued. */
  expiresAt: z.optional(z.string()),
});
export type SigningSecret = z.infer<typeof SigningSecretSchema>;

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
  secrets: z.array(SigningSecretSchema),
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

/** How long the previous secret keeps signing after a rotation. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/** The secrets that sign at `now`: the current one, and the previous one for a day after a rotation. */
export const signingSecrets = (endpoint: WebhookEndpoint, now: Date): string[] =>
  endpoint.secrets.filter((s) => !s.expiresAt || s.expiresAt > now.toISOString()).map((s) => s.secret);

/** A new secret in front, the others expiring within the overlap; long-expired ones dropped. */
export const rotatedSecrets = (endpoint: WebhookEndpoint, secret: string, now: Date): SigningSecret[] => {
  const expiresAt = new Date(now.getTime() + SECRET_OVERLAP_MS).toISOString();
  const kept = endpoint.secrets
    .filter((s) => !s.expiresAt || s.expiresAt > now.toISOString())
    .map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < expiresAt ? s.expiresAt : expiresAt }));
  return [{ secret, createdAt: now.toISOString() }, ...kept];
};
