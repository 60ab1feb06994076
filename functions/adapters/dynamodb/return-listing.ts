import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import { ValidationError } from '../../../domain/errors.js';
import type { ReturnListQuery } from '../../../domain/ports.js';
import { BATCH_GET_MAX, batchGetAll } from './batch-get.js';
import { PARTITION_KEY, SORT_KEY, returnListing, type ReturnListingFilter } from './table-design.js';

type Item = Record<string, unknown>;

/** A page of stored return items, in listing order, and the position after its last one. */
export interface ListedItems {
  items: Item[];
  cursor?: string;
}

const invalidCursor = (field: string): ValidationError =>
  new ValidationError('The cursor is not valid', [
    { field, rule: 'must be a cursor returned by this endpoint' },
  ]);

export const listingFilterOf = (query: ReturnListQuery): ReturnListingFilter => {
  if (query.dueBefore !== undefined || query.overdue !== undefined) {
    return {
      kind: 'deadline',
      ...(query.dueBefore === undefined ? {} : { dueBefore: query.dueBefore }),
      ...(query.overdue === undefined ? {} : { overdue: query.overdue }),
    };
  }
  if (query.status) return { kind: 'status', status: query.status };
  if (query.orderId !== undefined) return { kind: 'order', orderId: query.orderId };
  if (query.rma !== undefined) return { kind: 'rma', rma: query.rma };
  return { kind: 'all' };
};

/**
 * One page of a seller's listing, newest first (by deadline: soonest first). The listing's index keeps
 * keys only, spread over shards: each shard is read from the cursor's position with one Query (in
 * parallel), the shards merge by sort key (`{createdAt}#{id}` or `{dueAt}#{id}`, unique), and the page's
 * items are then read with one BatchGetItem. The cursor is the last sort key served, with the seller and
 * filter it belongs to.
 */
export const listReturnItems = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  sellerId: string,
  query: ReturnListQuery,
): Promise<ListedItems> => {
  const { cursor, limit } = query;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > BATCH_GET_MAX) {
    throw new ValidationError('The limit is not valid', [
      { field: 'limit', rule: `must be from 1 to ${BATCH_GET_MAX}` },
    ]);
  }
  const filter = listingFilterOf(query);
  const scope = scopeOf(sellerId, filter);
  const last = cursor === undefined ? undefined : decodeCursor(cursor, scope);
  const { index, partitionKeys } = returnListing(sellerId, filter);
  const range = filter.kind === 'deadline' ? deadlineRange(filter, last, query.asOf) : { before: last };
  const ascending = filter.kind === 'deadline';
  const perShard = await Promise.all(
    partitionKeys.map((pk) =>
      queryShard(client, { tableName, index, pk, range, ascending, count: limit + 1 }),
    ),
  );
  const order = ascending ? 1 : -1;
  // One more than asked for tells whether another page exists, so the last page never comes back empty.
  const merged = perShard
    .flat()
    .sort((a, b) => (String(a[index.sortKey]) < String(b[index.sortKey]) ? -order : order))
    .slice(0, limit + 1);
  const page = merged.slice(0, limit);
  const items = await getInOrder(client, tableName, page);
  const lastServed = page.at(-1);
  return {
    items,
    ...(merged.length > limit && lastServed
      ? { cursor: encodeCursor({ ...scope, last: String(lastServed[index.sortKey]) }) }
      : {}),
  };
};

/**
 * The sort keys a shard is read between: strictly after `after`, from `from` on, strictly before
 * `before`. Every sort key ends in `#{id}`, so "before an instant" is "at most the instant's string".
 */
interface SortRange {
  after?: string;
  from?: string;
  before?: string;
}

/**
 * The deadline listing's range: due before `dueBefore`, and before the clock (`overdue=true`) or from it
 * on (`overdue=false`), after the cursor's position. Instants are normalized to toISOString, as dueAt is.
 */
const deadlineRange = (
  filter: Extract<ReturnListingFilter, { kind: 'deadline' }>,
  after: string | undefined,
  asOf: string | undefined,
): SortRange => {
  const now = asOf ?? new Date().toISOString();
  const bounds = [filter.dueBefore, filter.overdue === true ? now : undefined]
    .filter((b): b is string => b !== undefined)
    .map((b) => new Date(b).toISOString())
    .sort();
  return {
    ...(after === undefined ? {} : { after }),
    ...(filter.overdue === false ? { from: new Date(now).toISOString() } : {}),
    ...(bounds[0] === undefined ? {} : { before: bounds[0] }),
  };
};

/** Up to `count` index entries of one partition within `range`, in sort-key order or its reverse. */
const queryShard = async (
  client: DynamoDBDocumentClient,
  q: {
    tableName: string;
    index: { indexName: string; partitionKey: string; sortKey: string };
    pk: string;
    range: SortRange;
    ascending: boolean;
    count: number;
  },
): Promise<Item[]> => {
  const lower = q.range.after ?? q.range.from;
  const upper = q.range.before;
  if (lower !== undefined && upper !== undefined && lower >= upper) return [];
  // One key condition per shape; `after` is inclusive in BETWEEN and >=, so its own entry is dropped below.
  const condition =
    lower !== undefined && upper !== undefined
      ? '#sk BETWEEN :lower AND :upper'
      : lower !== undefined
        ? '#sk >= :lower'
        : upper !== undefined
          ? '#sk < :upper'
          : undefined;
  const found: Item[] = [];
  let exclusiveStartKey: Item | undefined;
  // Keys-only entries are ~200 bytes, so DynamoDB's 1 MB page never cuts a Query of 101; loop regardless.
  do {
    const result = await client.send(
      new QueryCommand({
        TableName: q.tableName,
        IndexName: q.index.indexName,
        KeyConditionExpression: condition ? `#pk = :pk AND ${condition}` : '#pk = :pk',
        ExpressionAttributeNames: {
          '#pk': q.index.partitionKey,
          ...(condition ? { '#sk': q.index.sortKey } : {}),
        },
        ExpressionAttributeValues: {
          ':pk': q.pk,
          ...(lower === undefined ? {} : { ':lower': lower }),
          ...(upper === undefined ? {} : { ':upper': upper }),
        },
        ScanIndexForward: q.ascending,
        Limit: q.count - found.length + (q.range.after === undefined ? 0 : 1),
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    found.push(...(result.Items ?? []).filter((item) => item[q.index.sortKey] !== q.range.after));
    exclusiveStartKey = result.LastEvaluatedKey;
  } while (exclusiveStartKey && found.length < q.count);
  return found.slice(0, q.count);
};

/** The stored items of index entries, in the entries' order (BatchGetItem answers in any order). */
const getInOrder = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  entries: Item[],
): Promise<Item[]> => {
  if (entries.length === 0) return [];
  const keyOf = (item: Item) => `${String(item[PARTITION_KEY])}\n${String(item[SORT_KEY])}`;
  const keys = entries.map((e) => ({ [PARTITION_KEY]: e[PARTITION_KEY], [SORT_KEY]: e[SORT_KEY] }));
  // A page (limit at most 100) is one call unless throttled.
  const byKey = new Map((await batchGetAll(client, tableName, keys)).map((item) => [keyOf(item), item]));
  return entries.flatMap((e): Item[] => {
    const item = byKey.get(keyOf(e));
    return item ? [item] : [];
  });
};

// The cursor is the base64url JSON of the seller, the filter and the last sort key served. It is opaque
// to callers but not secret, so a decoded cursor is checked to name this seller and this filter before
// use: one seller's cursor never pages another's listing, and a tampered one is refused.

export interface CursorScope {
  seller: string;
  filter: string;
}

const scopeOf = (sellerId: string, filter: ReturnListingFilter): CursorScope => ({
  seller: sellerId,
  filter: JSON.stringify(filter),
});

const LISTING_SORT_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9A-HJKMNP-TV-Z]{26}$/;

const cursorSchema = (scope: CursorScope, sortKey: RegExp) =>
  z.strictObject({
    seller: z.literal(scope.seller),
    filter: z.literal(scope.filter),
    last: z.string().check(z.regex(sortKey)),
  });

export const encodeCursor = (value: CursorScope & { last: string }): string =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** The last sort key a cursor names, once it is checked to be this seller's, for this listing. */
export const decodeCursor = (
  cursor: string,
  scope: CursorScope,
  { sortKey = LISTING_SORT_KEY, field = 'cursor' }: { sortKey?: RegExp; field?: string } = {},
): string => {
  if (cursor.length === 0 || cursor.length > 1024 || !/^[\w-]+$/.test(cursor)) throw invalidCursor(field);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(field);
  }
  const parsed = cursorSchema(scope, sortKey).safeParse(decoded);
  if (!parsed.success) throw invalidCursor(field);
  return parsed.data.last;
};
