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
import {
  ENTITY_ATTRIBUTE,
  LISTING_SHARDS,
  PARTITION_KEY,
  dayCounterKey,
  listingShardOf,
  statusNowCounterKey,
  type Entity,
} from './table-design.js';

type Item = Record<string, unknown>;
const COUNTER_PREFIX = 'c:';

/** The day items every status change adds to are spread over the listings' shards, by the return id. */
const SHARDED_BY_RETURN: ReadonlySet<DayDimension> = new Set(['status']);

const keyOf = (ret: Pick<Return, 'sellerId' | 'id'>, change: CounterChange) =>
  change.bucket === 'day'
    ? dayCounterKey(
        ret.sellerId,
        change.dimension,
        change.day,
        SHARDED_BY_RETURN.has(change.dimension) ? listingShardOf(ret.id) : undefined,
      )
    : statusNowCounterKey(ret.sellerId, listingShardOf(ret.id));

/**
 * Applies a write's counter changes: one UpdateItem with atomic ADDs per counter item touched (at most
 * four, for a new return). Called after the return's conditional write succeeded, so a write that lost
 * its race counts nothing; a crash between the two leaves a counter one short (docs/design.md §6).
 */
export const addToCounters = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  ret: Pick<Return, 'sellerId' | 'id'>,
  changes: CounterChange[],
): Promise<void> => {
  await Promise.all(
    changes.map((change) => {
      const entries = Object.entries(change.add).filter(([, n]) => n !== 0);
      if (entries.length === 0) return undefined;
      const names = Object.fromEntries(entries.map(([name], i) => [`#c${i}`, `${COUNTER_PREFIX}${name}`]));
      const values = Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n]));
      return client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(ret, change),
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
 * Reads a report from the counters alone: the range's day items of the grouping (eight shards a day for
 * `status`) and of the credits, and the eight status-now shards. That is at most 9 x days + 8 items (836
 * for 92 days by status, 192 by reason or SKU) however long the seller's history, in BatchGetItem calls
 * of 100.
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
    const keys = [
      ...days.flatMap(dimensionOf(range.groupBy)),
      ...days.flatMap(dimensionOf('credits')),
      ...Array.from({ length: LISTING_SHARDS }, (_, shard) => statusNowCounterKey(sellerId, shard)),
    ];
    const items = await batchGetAll(this.client, this.tableName, keys);
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
}
