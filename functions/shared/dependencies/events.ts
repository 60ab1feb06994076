import { EventBridgeBus } from '../../adapters/eventbridge-bus.js';
import type { EventSink } from '../../use-cases/dispatch-events.js';
import { busSink } from '../../use-cases/event-bus.js';
import { feedSink } from '../../use-cases/event-feed.js';
import { mailSink } from '../../use-cases/mail-event.js';
import { webhookSink } from '../../use-cases/webhook-event.js';
import { clock, notificationLedger, returns, sellers } from './data.js';
import { linkSigner } from './links.js';
import { mailer } from './mail.js';
import { eventFeed, outbox } from './event-store.js';
import { webhookDeliveries, webhookEndpoints } from './webhooks.js';

/**
 * The composition root of the dispatcher: where each event goes, in this order (the seller's systems
 * hear of an event no later than its mail goes out).
 */
export const eventSinks: readonly EventSink[] = [
  webhookSink({ endpoints: webhookEndpoints, deliveries: webhookDeliveries, clock }),
  feedSink({ feed: eventFeed }),
  // The stack sets EVENT_BUS_NAME on the dispatchers it grants events:PutEvents; npm start points it at
  // the recording stand-in. Only tests that do not look at the bus run without it.
  ...(process.env.EVENT_BUS_NAME ? [busSink({ bus: new EventBridgeBus(process.env.EVENT_BUS_NAME) })] : []),
  // The buyer links in the conversation's mails point at the API: the stack sets PUBLIC_API_URL to its
  // RestApi's URL on the event functions, and grants them kms:GenerateMac on the link key.
  mailSink({
    mailer,
    notifications: notificationLedger,
    sellers,
    links: linkSigner,
    baseUrl: process.env.PUBLIC_API_URL,
  }),
];

export const dispatchDeps = { returns, outbox, sinks: eventSinks };
