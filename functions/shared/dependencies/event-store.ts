import { documentClient, tableNameFromEnv } from '../../adapters/dynamodb/document-client.js';
import { DynamoEventFeed } from '../../adapters/dynamodb/event-feed.js';
import { DynamoEventOutbox } from '../../adapters/dynamodb/event-outbox.js';

/** Where events are kept: the outbox on each return item, and each seller's feed of dispatched events. */
const table = { client: documentClient, tableName: tableNameFromEnv() };
export const outbox = new DynamoEventOutbox(table);
export const eventFeed = new DynamoEventFeed(table);

/**
 * How long an event waits before `GET /v1/events` shows it (its change may still be landing: see
 * listEvents). EVENT_FEED_SETTLE_MS shortens it locally, where no provider call takes long.
 */
export const eventFeedSettleMs = Number(process.env.EVENT_FEED_SETTLE_MS ?? 120_000);
