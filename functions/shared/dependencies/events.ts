import type { EventSink } from '../../use-cases/dispatch-events.js';
import { feedSink } from '../../use-cases/event-feed.js';
import { mailSink } from '../../use-cases/mail-event.js';
import { webhookSink } from '../../use-cases/webhook-event.js';
import { clock, notificationLedger, returns, sellers } from './data.js';
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
  mailSink({ mailer, notifications: notificationLedger, sellers }),
];

export const dispatchDeps = { returns, outbox, sinks: eventSinks };
