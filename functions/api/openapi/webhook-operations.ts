import * as z from '../../../domain/zod.js';
import { EVENT_DESCRIPTIONS, EVENT_TYPES } from '../../../domain/events/event-types.js';
import { EventPageSchema } from '../../../domain/events/event-feed.js';
import { ReturnEventSchema } from '../../../domain/events/return-event.js';
import { WebhookDeliveryViewSchema } from '../../../domain/webhooks/webhook-delivery.js';
import { WebhookEndpointViewSchema } from '../../../domain/webhooks/webhook-endpoint.js';
import type { OperationDoc } from './operations.js';

export const WebhookEndpointCreatedSchema = z.extend(WebhookEndpointViewSchema, {
  /** The signing secret (`whsec_...`): in this answer only. */
  secret: z.string(),
});
export const WebhookEndpointListSchema = z.object({ items: z.array(WebhookEndpointViewSchema) });
export const WebhookDeliveryListSchema = z.object({ items: z.array(WebhookDeliveryViewSchema) });
export const WebhookEndpointDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

/** The answers of the webhook-endpoint routes, by component name. */
export const WEBHOOK_COMPONENTS = {
  WebhookEndpoint: WebhookEndpointViewSchema,
  WebhookEndpointCreated: WebhookEndpointCreatedSchema,
  WebhookEndpointList: WebhookEndpointListSchema,
  WebhookEndpointDeleted: WebhookEndpointDeletedSchema,
  WebhookDelivery: WebhookDeliveryViewSchema,
  WebhookDeliveryList: WebhookDeliveryListSchema,
  ReturnEvent: ReturnEventSchema,
  EventPage: EventPageSchema,
};

const ENDPOINT_EXAMPLE = {
  id: 'we_01KB6C0000000000000000000A',
  url: 'https://erp.example.com/hooks/returns',
  events: ['return.*', 'refund.completed'],
  status: 'ENABLED',
  createdAt: '2026-11-10T12:00:00.000Z',
  updatedAt: '2026-11-10T12:00:00.000Z',
};
const SECRET_EXAMPLE = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const DELIVERY_EXAMPLE = {
  deliveryId: 'evt_01KB62A7Q5X0000000000000RM_0003',
  endpointId: ENDPOINT_EXAMPLE.id,
  returnId: '01KB62A7Q5X0000000000000RM',
  sequence: 3,
  eventType: 'return.label_issued',
  status: 'SUCCEEDED',
  attempts: [
    { attempt: 1, at: '2026-11-10T12:00:01.000Z', outcome: 'SUCCEEDED', responseCode: 200, durationMs: 41 },
  ],
  createdAt: '2026-11-10T12:00:00.500Z',
};

const SIGNING = [
  'Every delivery is signed by the Standard Webhooks specification: `webhook-id` (the event id, stable across retries:',
  'de-duplicate on it), `webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256>`, two of them for 24 h after',
  'a rotation). Deliveries go at least once, in sequence order per endpoint and return, retried with exponential backoff',
  'and jitter for up to 3 days; a `410` or 3 days of failures disable the endpoint.',
].join(' ');

export const WEBHOOK_OPERATIONS = {
  CreateWebhookEndpoint: {
    summary: 'Register a webhook endpoint for some events',
    description: `${SIGNING} Deployed, the URL must be https and resolve to public addresses only.`,
    tag: 'Webhooks',
    answers: {
      201: {
        description: 'The endpoint, with its signing secret (shown this once)',
        component: 'WebhookEndpointCreated',
        example: { ...ENDPOINT_EXAMPLE, secret: SECRET_EXAMPLE },
      },
    },
    refusals: {
      422: 'The URL is not https, or resolves to a loopback, private, link-local or metadata address',
    },
    requestExample: { url: ENDPOINT_EXAMPLE.url, events: ENDPOINT_EXAMPLE.events },
  },
  ListWebhookEndpoints: {
    summary: "List the seller's webhook endpoints (never their secrets)",
    tag: 'Webhooks',
    answers: {
      200: {
        description: 'Every endpoint',
        component: 'WebhookEndpointList',
        example: { items: [ENDPOINT_EXAMPLE] },
      },
    },
  },
  DeleteWebhookEndpoint: {
    summary: 'Remove a webhook endpoint',
    tag: 'Webhooks',
    answers: {
      200: {
        description: 'Removed',
        component: 'WebhookEndpointDeleted',
        example: { id: ENDPOINT_EXAMPLE.id, deleted: true },
      },
    },
    refusals: { 404: 'No such endpoint of yours' },
  },
  RotateWebhookSecret: {
    summary: 'Issue a new signing secret; the old one signs too for 24 h',
    tag: 'Webhooks',
    answers: {
      200: {
        description: 'The endpoint, with its new secret (shown this once)',
        component: 'WebhookEndpointCreated',
        example: { ...ENDPOINT_EXAMPLE, secret: SECRET_EXAMPLE },
      },
    },
    refusals: { 404: 'No such endpoint of yours' },
  },
  ListEvents: {
    summary: "The seller's events, oldest first, after a position: to catch up after an outage",
    description:
      "The same events the webhooks carry, each return's in sequence order, kept 30 days. Poll with the page's `next`: an event appears once its change has settled (a couple of minutes at most), and never behind a position already served.",
    tag: 'Webhooks',
    answers: {
      200: {
        description: 'A page of events',
        component: 'EventPage',
        example: { items: [], next: 'eyJzZWxsZXIiOi...' },
      },
    },
    refusals: { 422: 'The cursor is not one this endpoint gave this seller' },
  },
  ListWebhookDeliveries: {
    summary: "An endpoint's deliveries, newest first, every attempt logged",
    tag: 'Webhooks',
    answers: {
      200: {
        description: 'The deliveries',
        component: 'WebhookDeliveryList',
        example: { items: [DELIVERY_EXAMPLE] },
      },
    },
    refusals: { 404: 'No such endpoint of yours' },
  },
  RetryWebhookDelivery: {
    summary: 'Send one delivery again, now (re-enabling an endpoint failures disabled)',
    tag: 'Webhooks',
    answers: {
      200: {
        description: 'The delivery, due now',
        component: 'WebhookDelivery',
        example: { ...DELIVERY_EXAMPLE, status: 'PENDING', nextAttemptAt: '2026-11-10T13:00:00.000Z' },
      },
    },
    refusals: { 404: 'No such endpoint or delivery of yours' },
  },
} satisfies Record<string, OperationDoc>;

/** The OpenAPI `webhooks` section: one entry per event type, its body the event schema narrowed to it. */
export const webhooksSection = (ref: (id: string) => { $ref: string }) =>
  Object.fromEntries(
    EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `Webhook_${type.replace('.', '_')}`,
          summary: `${type}: ${EVENT_DESCRIPTIONS[type]}`,
          description: `Posted to every endpoint that subscribes to ${type}. ${SIGNING}`,
          tags: ['Webhooks'],
          parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({
            name,
            in: 'header',
            required: true,
            schema: { type: 'string' },
          })),
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { allOf: [ref('ReturnEvent'), { properties: { type: { const: type } } }] },
              },
            },
          },
          responses: {
            '2XX': { description: 'Taken; anything else is retried (410 disables the endpoint)' },
          },
        },
      },
    ]),
  );
