import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnalyticsReader } from '../../../domain/ports.js';
import {
  creditCounter,
  type CounterChange,
  type DayDimension,
  type GroupBy,
  type ReturnAnalytics,
} from '../../../domain/return-analytics.js';
import { CurrencySchema } from '../../../domain/money.js';
import { STATUSES, type Return } from '../../../domain/return.js';
import { batchGetAll } from './batch-get.js';
import { queryAll } from './query-all.js';
import {
  ENTITY_ATTRIBUTE,
  LISTING_SHARDS,
  PARTITION_KEY,
  SKU_COUNTER_PREFIX,
  SORT_KEY,
  dayCounterKey,
  listingShardOf,
  skuCounterKey,
  statusNowCounterKey,
  type Entity,
} from './table-design.js';

type Item = Record<string, unknown>;
const COUNTER_PREFIX = 'c:';
/** The one counter of a day SKU item (skuCounterKey): its units. */
const UNITS = 'units';

/** The day items every status change adds to are spread over the listings' shards, by the return id. */
const SHARDED_BY_RETURN: ReadonlySet<DayDimension> = new Set(['status']);

/** One counter item's UpdateItem: the item and the numbers ADDed to it. */
export interface CounterWrite {
  key: Record<string, string>;
  add: Record<string, number>;
}

/**
 * The items one counter change adds to (the key-heat bench drives it with a modelled load): a day's units
 * by SKU go to one item per SKU, so no item's size (and no ADD's bill) grows with the SKUs a seller
 * returns in a day; every other change adds to one item whose counters are named by an enum.
 */
export const counterWrites = (
  ret: Pick<Return, 'sellerId' | 'id'>,
  change: CounterChange,
): CounterWrite[] => {
  if (change.bucket === 'now')
    return [{ key: statusNowCounterKey(ret.sellerId, listingShardOf(ret.id)), add: change.add }];
  if (change.dimension === 'sku') {
    return Object.entries(change.add).map(([sku, units]) => ({
      key: skuCounterKey(ret.sellerId, change.day, sku),
      add: { [UNITS]: units },
    }));
  }
  const shard = SHARDED_BY_RETURN.has(change.dimension) ? listingShardOf(ret.id) : undefined;
  return [{ key: dayCounterKey(ret.sellerId, change.dimension, change.day, shard), add: change.add }];
};

/**
 * Applies a write's counter changes: one UpdateItem with atomic ADDs per counter item touched (for a new
 * return, three plus one per distinct SKU). Called after the return's conditional write succeeded, so a
 * write that lost its race counts nothing; a crash between the two leaves a counter one short
 * (docs/design.md §6).
 */
export const addToCounters = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  ret: Pick<Return, 'sellerId' | 'id'>,
  changes: CounterChange[],
): Promise<void> => {
  await Promise.all(
    changes
      .flatMap((change) => counterWrites(ret, change))
      .map(({ key, add }) => {
        const entries = Object.entries(add).filter(([, n]) => n !== 0);
        if (entries.length === 0) return undefined;
        const names = Object.fromEntries(entries.map(([name], i) => [`#c${i}`, `${COUNTER_PREFIX}${name}`]));
        const values = Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n]));
        return client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: `SET #entity = :entity ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
            ExpressionAttributeNames: { ...names, '#entity': ENTITY_ATTRIBUTE },
            ExpressionAttributeValues: { ...values, ':entity': 'COUNTERS' satisfies Entity },
          }),
        );
      }),
  );
};

const countersOf = (item: Item): Record<string, number> =>
  Object.fromEntries(
    Object.entries(item).flatMap(([name, value]) =>
      name.startsWith(COUNTER_PREFIX) && typeof value === 'number'
        ? [[name.slice(COUNTER_PREFIX.length), value]]
        : [],
    ),
  );

const sumInto = (into: Map<string, number>, counters: Record<string, number>) => {
  for (const [name, n] of Object.entries(counters)) into.set(name, (into.get(name) ?? 0) + n);
};

const largestFirst = (totals: Map<string, number>) =>
  [...totals]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/** Every day from `from` to `to`, UTC, as YYYY-MM-DD. */
const daysOf = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
};

/**
 * Reads a report from the counters alone, however long the seller's history: the range's day items of
 * the credits, the eight status-now shards and, by `reason`, one day item each (by `status`, eight
 * shards each), in BatchGetItem calls of 100: 2 for 92 days by reason (192 items), 9 by status (836).
 * By `sku`, each day's SKU items are one paginated Query of the day's partition (never a Scan), the
 * days' queries in parallel: 92 days cost 1 BatchGetItem (100 items) plus 92 Queries, one more for each
 * further 1 MB of a day's SKU items (about 10,000 SKUs a page), so the wait is one BatchGetItem and the
 * longest day's pages.
 */
export class DynamoReturnAnalytics implements AnalyticsReader {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async report(
    sellerId: string,
    range: { from: string; to: string; groupBy: GroupBy },
  ): Promise<ReturnAnalytics> {
    const days = daysOf(range.from, range.to);
    const dimensionOf = (dimension: DayDimension) => (day: string) =>
      SHARDED_BY_RETURN.has(dimension)
        ? Array.from({ length: LISTING_SHARDS }, (_, shard) => dayCounterKey(sellerId, dimension, day, shard))
        : [dayCounterKey(sellerId, dimension, day)];
    const bySku = range.groupBy === 'sku';
    const keys = [
      ...(bySku ? [] : days.flatMap(dimensionOf(range.groupBy))),
      ...days.flatMap(dimensionOf('credits')),
      ...Array.from({ length: LISTING_SHARDS }, (_, shard) => statusNowCounterKey(sellerId, shard)),
    ];
    const [items, skuDays] = await Promise.all([
      batchGetAll(this.client, this.tableName, keys),
      bySku ? Promise.all(days.map((day) => this.skuItemsOf(sellerId, day))) : [],
    ]);
    const groupPrefix = `${dayCounterKey(sellerId, range.groupBy, '')[PARTITION_KEY]}`;
    const creditsPrefix = `${dayCounterKey(sellerId, 'credits', '')[PARTITION_KEY]}`;
    const groups = new Map<string, number>();
    const credits = new Map<string, number>();
    const now = new Map<string, number>();
    for (const item of items) {
      const pk = String(item[PARTITION_KEY]);
      if (pk.startsWith(groupPrefix)) sumInto(groups, countersOf(item));
      else if (pk.startsWith(creditsPrefix)) sumInto(credits, countersOf(item));
      else sumInto(now, countersOf(item));
    }
    for (const item of skuDays.flat()) {
      const sku = decodeURIComponent(String(item[SORT_KEY]).slice(SKU_COUNTER_PREFIX.length));
      sumInto(groups, { [sku]: countersOf(item)[UNITS] ?? 0 });
    }
    const moneyOf = (kind: 'refund' | 'concession') =>
      CurrencySchema.options.flatMap((currency) => {
        const amount = credits.get(creditCounter(kind, currency));
        return amount ? [{ amount, currency }] : [];
      });
    return {
      ...range,
      groups: largestFirst(groups),
      statusNow: STATUSES.map((key) => ({ key, count: now.get(key) ?? 0 })),
      refunds: moneyOf('refund'),
      concessions: moneyOf('concession'),
    };
  }

  /** A day's SKU items (skuCounterKey), page after page of the day's partition. */
  private skuItemsOf(sellerId: string, day: string): Promise<Item[]> {
    return queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sku)',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
      ExpressionAttributeValues: {
        ':pk': dayCounterKey(sellerId, 'sku', day)[PARTITION_KEY],
        ':sku': SKU_COUNTER_PREFIX,
      },
    });
  }
}
