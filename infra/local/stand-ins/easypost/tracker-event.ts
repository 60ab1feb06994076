import { createHmac, randomBytes } from 'node:crypto';
import type { StoredShipment } from './easypost-store.js';

/**
 * EasyPost's webhook body as bytes: JSON with every `weight` written as a float (`12.0`), as EasyPost's
 * own serializer writes it and as the SDK's validateWebhook re-reads it before hashing.
 */
export const webhookBody = (event: unknown): string =>
  JSON.stringify(event).replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, '$1$2.0$3');

/** `X-Hmac-Signature`: `hmac-sha256-hex=` and the hex HMAC-SHA256 of the raw body under the webhook's secret. */
export const hmacSignature = (secret: string, body: string): string =>
  `hmac-sha256-hex=${createHmac('sha256', Buffer.from(secret.normalize('NFKD'), 'utf8'))
    .update(body, 'utf8')
    .digest('hex')}`;

/** A `tracker.updated` event for a shipment's tracker, in EasyPost's shape. */
export const trackerUpdatedEvent = (shipment: StoredShipment, previous: string): Record<string, unknown> => {
  const at = new Date().toISOString();
  const tracker = shipment.tracker!;
  return {
    object: 'Event',
    id: `evt_${randomBytes(12).toString('hex')}`,
    mode: 'test',
    description: 'tracker.updated',
    created_at: at,
    updated_at: at,
    previous_attributes: { status: previous },
    pending_urls: [],
    completed_urls: [],
    status: 'pending',
    result: {
      ...tracker,
      weight: shipment.parcel.weight,
      status_detail: 'status_update',
      public_url: `https://track.easypost.example/${tracker.id}`,
    },
  };
};
