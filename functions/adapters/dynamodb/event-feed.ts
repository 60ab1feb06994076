import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventFeed } from '../../../domain/ports.js';
import { OutboxEventSchema, type OutboxEvent } from '../../../domain/return.js';
import { batchPutAll } from './batch-write.js';
import { packJson, unpackJson } from './packed-json.js';
import { decodeCursor, encodeCursor } from './return-listing.js';
import {
  ENTITY_ATTRIBUTE,
  EVENT_FEED_DAYS,
  PARTITION_KEY,
  SORT_KEY,
  TTL_ATTRIBUTE,
  eventFeedKey,
  eventFeedPartitions,
  type Entity,
} from './table-design.js';

/** A feed position: `{occurredAt}#{eventId}`, as the feed's sort keys are. */
const FEED_SORT_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#evt_[\w-]+_\d{4,}$/;
const scopeOf = (sellerId: string) => ({ seller: sellerId, filter: 'events' });

/** An event's item in its seller's feed, the event packed, kept EVENT_FEED_DAYS from when it happened. */
export const eventFeedItem = (sellerId: string, event: OutboxEvent): Record<string, unknown> => ({
  ...eventFeedKey(sellerId, event),
  event: packJson(event),
  [TTL_ATTRIBUTE]: Math.floor(Date.parse(event.occurredAt) / 1000) + EVENT_FEED_DAYS * 86_400,
  [ENTITY_ATTRIBUTE]: 'EVENT' satisfies Entity,
});

/**
 * A seller's event feed in the table: one item per event under the seller's eight feed partitions (a
 * return's events in one, by a hash of its id), sorted by when it happened and its id, kept 30 days by
 * TTL, each packed (packed-json.ts: the event carries the return's view, a KB or two of JSON), written
 * 25 to a BatchWriteItem. A page reads each partition from the position once (Query, never Scan), merges them, and gives
 * the last position served as an opaque cursor, checked on the way back in to be this seller's.
 */
export class DynamoEventFeed implements EventFeed {
  constructor(private readonly table: { client: DynamoDBDocumentClient; tableName: string }) {}

  /** One item per event, unconditional: an event's item is the same whoever writes it, however often. */
  async put(sellerId: string, events: readonly OutboxEvent[]): Promise<void> {
    await batchPutAll(
      this.table,
      events.map((event) => eventFeedItem(sellerId, event)),
    );
  }

  async list(
    sellerId: string,
    query: { after?: string; before: string; limit: number },
  ): Promise<{ items: OutboxEvent[]; last?: string }> {
    const from =
      query.after === undefined
        ? undefined
        : decodeCursor(query.after, scopeOf(sellerId), { sortKey: FEED_SORT_KEY, field: 'after' });
    // A horizon that moved back before the position (an older event pending again) has nothing new yet.
    if (from !== undefined && from >= query.before) return { items: [], last: query.after! };
    const pages = await Promise.all(
      eventFeedPartitions(sellerId).map((pk) =>
        this.table.client.send(
          new QueryCommand({
            TableName: this.table.tableName,
            KeyConditionExpression: from
              ? '#pk = :pk AND #sk BETWEEN :from AND :before'
              : '#pk = :pk AND #sk < :before',
            ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
            ExpressionAttributeValues: {
              ':pk': pk,
              ':before': query.before,
              ...(from ? { ':from': from } : {}),
            },
            Limit: query.limit + 1,
          }),
        ),
      ),
    );
    const page = pages
      .flatMap((p) => p.Items ?? [])
      .filter((item) => String(item[SORT_KEY]) !== from)
      .sort((a, b) => String(a[SORT_KEY]).localeCompare(String(b[SORT_KEY])))
      .slice(0, query.limit);
    const last = page.at(-1)?.[SORT_KEY];
    return {
      items: page.map((item) =>
        OutboxEventSchema.parse(unpackJson(item.event, `feed item ${String(item[SORT_KEY])}`)),
      ),
      ...(last === undefined ? {} : { last: encodeCursor({ ...scopeOf(sellerId), last: String(last) }) }),
    };
  }
}
