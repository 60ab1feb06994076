import { documentClient, tableNameFromEnv } from '../../adapters/dynamodb/document-client.js';
import { DynamoEventOutbox } from '../../adapters/dynamodb/event-outbox.js';
import type { EventSink } from '../../use-cases/dispatch-events.js';
import { mailSink } from '../../use-cases/mail-event.js';
import { webhookSink } from '../../use-cases/webhook-event.js';
import { clock, notificationLedger, returns, sellers } from './data.js';
import { mailer } from './mail.js';
import { webhookDeliveries, webhookEndpoints } from './webhooks.js';

/** The composition root of the dispatcher: the outbox on the return item, and where each event goes. */
export const outbox = new DynamoEventOutbox({ client: documentClient, tableName: tableNameFromEnv() });

/** In this order: the seller's systems hear of an event no later than its mail goes out. */
export const eventSinks: readonly EventSink[] = [
  webhookSink({ endpoints: webhookEndpoints, deliveries: webhookDeliveries, clock }),
  mailSink({ mailer, notifications: notificationLedger, sellers }),
];

export const dispatchDeps = { returns, outbox, sinks: eventSinks };
