import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { Return, Status } from '../../../domain/return.js';
import { DEFAULT_REMINDER_LEAD, type ReminderLead } from '../../../domain/deadlines/reminder.js';
import { sweepWakeAt } from '../../../domain/deadlines/sweep-decision.js';

/**
 * The single-table design, in one place: the adapters build keys with it, the CDK stack declares the
 * table from `TABLE_DESCRIPTION`, local runs create the table with `createTableInput`, and the key-heat
 * bench (bench/key-heat.ts) drives `returnItemKeys` to show no key runs hot.
 *
 * | item                | pk                              | sk                | also                     |
 * | ------------------- | ------------------------------- | ----------------- | ------------------------ |
 * | return aggregate    | SELLER#{sellerId}#RETURN#{id}   | RETURN            | gsi1..gsi8 (below)       |
 * | deadline sweeper    | SWEEPER#DEADLINES               | WATERMARK         | `bucket`: the oldest hour still swept |
 * | seller profile      | SELLER#{sellerId}               | PROFILE           |                          |
 * | policy              | SELLER#{sellerId}               | POLICY#{market}   |                          |
 * | seller directory    | SELLERS                         | SELLER#{sellerId} | lists sellers without a Scan |
 * | API key             | APIKEY#{keyId}                  | APIKEY            | `sellerStatus`: the authorizer's one read |
 * | seller's key index  | SELLER#{sellerId}               | APIKEY#{keyId}    | a copy of the key record, to list a seller's keys |
 * | notification ledger | NOTIFICATION#{returnId}         | {kind}            | `status` SENDING/SENT, `claimedUntil` (epoch ms lease), `sentAt`, and once sent `kind`, `recipient`, `locale`, `subject` |
 * | seller's connection | SELLER#{sellerId}               | INTEGRATION#{provider} | settings, `sealed` secrets (KMS), `connectionId` |
 * | connection directory | CONNECTION#{provider}#{connectionId} | CONNECTION  | `sellerId`: which seller a webhook URL names |
 * | idempotency record  | route#{route}#{hash} (Powertools' key) | IDEMPOTENCY | `expiration` (TTL)   |
 * | day counters        | SELLER#{sellerId}#ANALYTICS#{reason|status|credits}#{YYYY-MM-DD}[#SHARD#{0-7} for status] | COUNTERS | `c:{key}` numbers, ADDed on each write |
 * | day SKU counter     | SELLER#{sellerId}#ANALYTICS#sku#{YYYY-MM-DD} | SKU#{encodeURIComponent(sku)} | `c:units`: one item per SKU, so none grows |
 * | status-now counters | SELLER#{sellerId}#ANALYTICS#now#SHARD#{0-7} | COUNTERS | `c:{status}` numbers  |
 * | webhook endpoint    | SELLER#{sellerId}#WEBHOOKS      | ENDPOINT#{id}     | a seller's endpoints: one Query per event dispatched |
 * | seller's event feed | SELLER#{sellerId}#EVENTS#SHARD#{0-7} | {occurredAt}#{eventId} | the event as dispatched; `expiration` (TTL, 30 days) |
 * | webhook delivery    | WEBHOOK#{endpointId}#RETURN#{returnId} | DELIVERY#{sequence} | one chain per endpoint and return, in order; gsi9 while due, gsi10 to list |
 *
 * A return with events not yet dispatched is also in `gsi8` (sparse): `OUTBOX#{shard}` by a hash of its
 * id over `OUTBOX_SHARDS`, sorted by its seller and its oldest pending event's time, so the sweeper finds the stragglers
 * with a Query per shard and the index holds only returns whose outbox is not empty.
 *
 * Every partition key a return writes is its own or shared by a bounded slice of one seller's returns:
 * the aggregate is keyed by its id, each listing is spread over `LISTING_SHARDS` shards by a hash of the
 * id (a list reads every shard and merges by date), and order, RMA and tracking keys hold a handful of
 * returns each. The GSIs project keys only (the tracking index adds the two ids the carrier webhook
 * needs), so an update that keeps a return's status writes no index at all; a listing reads the page's
 * items with one BatchGetItem.
 *
 * The return aggregate keeps its timeline inline, so every change is one conditional single-item write
 * (no TransactWriteItems, which dynalite lacks and which costs twice as much on DynamoDB).
 */
export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
/** Epoch seconds after which DynamoDB may delete the item (idempotency records). */
export const TTL_ATTRIBUTE = 'expiration';

/** Shards per seller listing: a seller's listing writes split eight ways, a list page reads eight Queries. */
export const LISTING_SHARDS = 8;
/**
 * Shards of the pending-events index, every seller's: each change with events writes it twice (add, then
 * drain), about 21 WCU a return; the key-heat bench puts a shard at 66% of a partition's limit at 1,000
 * new returns a second (16 shards were 131%).
 */
export const OUTBOX_SHARDS = 32;

/**
 * Shards per hour of the deadline sweeper's index. An hour's partition takes the deadline writes of every
 * seller whose reminder or due time falls in it, so it is spread wider than a seller's listing; the
 * sweeper reads 32 Queries per hour it sweeps.
 */
export const SWEEP_SHARDS = 32;

export const GSI = {
  /** A seller's returns in one status, newest first, sharded. */
  byStatus: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'KEYS_ONLY' },
  /** The return a carrier tracking number belongs to, with the ids to read it by (carriers know no seller). */
  byTracking: {
    indexName: 'gsi2',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    projection: 'INCLUDE',
    nonKeyAttributes: ['sellerId', 'id'],
  },
  /** A seller's returns for one order, newest first. */
  byOrder: { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'KEYS_ONLY' },
  /** All of a seller's returns, newest first, sharded. */
  bySeller: { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'KEYS_ONLY' },
  /** A seller's return by RMA number. */
  byRma: { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: 'KEYS_ONLY' },
  /** A seller's returns by their next deadline, soonest first, sharded (`?dueBefore=`, `?overdue=`). */
  byDeadline: { indexName: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', projection: 'KEYS_ONLY' },
  /**
   * The sweeper's work, every seller's: returns whose reminder or overdue check, or open offer's expiry,
   * falls in an hour, by that time, sharded; with the ids to read each return by.
   */
  bySweepTime: {
    indexName: 'gsi7',
    partitionKey: 'gsi7pk',
    sortKey: 'gsi7sk',
    projection: 'INCLUDE',
    nonKeyAttributes: ['sellerId', 'id'],
  },
  /** Returns whose outbox holds events not yet dispatched, oldest first, sharded (sparse). */
  pendingEvents: {
    indexName: 'gsi8',
    partitionKey: 'gsi8pk',
    sortKey: 'gsi8sk',
    projection: 'INCLUDE',
    nonKeyAttributes: ['sellerId', 'id'],
  },
  /** Webhook deliveries due for a try, by time, sharded by chain (sparse: PENDING only). */
  dueDeliveries: { indexName: 'gsi9', partitionKey: 'gsi9pk', sortKey: 'gsi9sk', projection: 'KEYS_ONLY' },
  /** One endpoint's deliveries, newest first, sharded by return; with what the listing shows. */
  endpointDeliveries: {
    indexName: 'gsi10',
    partitionKey: 'gsi10pk',
    sortKey: 'gsi10sk',
    projection: 'INCLUDE',
    nonKeyAttributes: [
      'deliveryId',
      'endpointId',
      'returnId',
      'sequence',
      'eventType',
      'status',
      'attempts',
      'createdAt',
      'nextAttemptAt',
    ],
  },
} as const;

type IndexDesign = (typeof GSI)[keyof typeof GSI];

/** What kind of item this is (`RETURN`, `SELLER`, ...): for people and admin tools reading the table. */
export const ENTITY_ATTRIBUTE = 'entity';
export type Entity =
  | 'RETURN'
  | 'SELLER'
  | 'SELLER_DIRECTORY'
  | 'POLICY'
  | 'API_KEY'
  | 'SELLER_API_KEY'
  | 'NOTIFICATION'
  | 'CONNECTION'
  | 'CONNECTION_DIRECTORY'
  | 'ACCOUNT_DIRECTORY'
  | 'COUNTERS'
  | 'DEADLINE_SWEEPER'
  | 'WEBHOOK_ENDPOINT'
  | 'WEBHOOK_DELIVERY'
  | 'EVENT';

const INDEX_KEY_ATTRIBUTES = Object.values(GSI).flatMap((g) => [g.partitionKey, g.sortKey]);

/** The storage-only attributes on any item: stripped before an item is parsed back into a domain object. */
export const STORAGE_ATTRIBUTES: readonly string[] = [
  PARTITION_KEY,
  SORT_KEY,
  ...INDEX_KEY_ATTRIBUTES,
  ENTITY_ATTRIBUTE,
];

const nonKeyAttributesOf = (g: IndexDesign): readonly string[] =>
  'nonKeyAttributes' in g ? g.nonKeyAttributes : [];

/** A plain description for the CDK stack (which maps it onto aws-dynamodb's Table props). */
export const TABLE_DESCRIPTION = {
  partitionKey: { name: PARTITION_KEY, type: 'S' },
  sortKey: { name: SORT_KEY, type: 'S' },
  billingMode: 'PAY_PER_REQUEST',
  timeToLiveAttribute: TTL_ATTRIBUTE,
  globalSecondaryIndexes: Object.values(GSI).map((g) => ({
    indexName: g.indexName,
    partitionKey: { name: g.partitionKey, type: 'S' },
    sortKey: { name: g.sortKey, type: 'S' },
    projection: g.projection,
    nonKeyAttributes: nonKeyAttributesOf(g),
  })),
} as const;

/** The CreateTable request for local runs (dynalite has no UpdateTimeToLive; TTL is a CDK concern). */
export const createTableInput = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [PARTITION_KEY, SORT_KEY, ...INDEX_KEY_ATTRIBUTES].map((name) => ({
    AttributeName: name,
    AttributeType: 'S',
  })),
  KeySchema: [
    { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
    { AttributeName: SORT_KEY, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: Object.values(GSI).map((g) => ({
    IndexName: g.indexName,
    KeySchema: [
      { AttributeName: g.partitionKey, KeyType: 'HASH' },
      { AttributeName: g.sortKey, KeyType: 'RANGE' },
    ],
    Projection:
      g.projection === 'INCLUDE'
        ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...nonKeyAttributesOf(g)] }
        : { ProjectionType: g.projection },
  })),
});

// Key builders. Each returns exactly the attributes of one key, so callers spread them into items and
// queries and never spell a prefix by hand.

export const POLICY_SK_PREFIX = 'POLICY#';
export const API_KEY_SK_PREFIX = 'APIKEY#';
export const SELLER_DIRECTORY_PK = 'SELLERS';

export const sellerPk = (sellerId: string): string => `SELLER#${sellerId}`;

/** A return's own partition: one GetItem by (seller, id), and another seller's id reads as missing. */
export const returnKey = (sellerId: string, id: string) => ({
  [PARTITION_KEY]: `${sellerPk(sellerId)}#RETURN#${id}`,
  [SORT_KEY]: 'RETURN',
});

/** FNV-1a of the id, so the shard spread does not lean on how ids are made. */
const fnv1a = (id: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
};

/** A shard of `shards` for an id (or any key), by its hash. */
export const shardOf = (id: string, shards: number): number => fnv1a(id) % shards;

export const listingShardOf = (id: string): number => shardOf(id, LISTING_SHARDS);

/** Every partition of the pending-events index, for the sweeper. */
export const pendingEventsPartitions = (): string[] =>
  Array.from({ length: OUTBOX_SHARDS }, (_, shard) => `OUTBOX#${shard}`);

/**
 * A return's pending-events index keys while its outbox is not empty, and none once it is (the item
 * leaves the sparse index).
 */
export const pendingEventsKeys = (
  ret: Pick<Return, 'sellerId' | 'id' | 'outbox'>,
): Record<string, string> | undefined => {
  const oldest = ret.outbox?.pending[0];
  if (!oldest) return undefined;
  return {
    [GSI.pendingEvents.partitionKey]: `OUTBOX#${shardOf(ret.id, OUTBOX_SHARDS)}`,
    [GSI.pendingEvents.sortKey]: `${ret.sellerId}#${oldest.occurredAt}#${ret.id}`,
  };
};

/** When a pending-events sort key's oldest event happened (`{sellerId}#{occurredAt}#{id}`). */
export const pendingSince = (sortKey: string): string => sortKey.split('#').at(-2) ?? '';

/** How long a seller's feed keeps an event (`GET /v1/events`), by the table's TTL. */
export const EVENT_FEED_DAYS = 30;

/** Shards of a seller's event feed: a return's events stay in one, so they list in sequence order. */
export const eventFeedPartitions = (sellerId: string): string[] =>
  shards((shard) => `${sellerPk(sellerId)}#EVENTS#SHARD#${shard}`);

/** One event in its seller's feed: sorted by when it happened, then by id (a return's sequence). */
export const eventFeedKey = (
  sellerId: string,
  event: { returnId: string; occurredAt: string; id: string },
) => ({
  [PARTITION_KEY]: eventFeedPartitions(sellerId)[listingShardOf(event.returnId)]!,
  [SORT_KEY]: `${event.occurredAt}#${event.id}`,
});

/** What a seller's listing is narrowed by: nothing, a status, an order, an RMA number or the deadline. */
export type ReturnListingFilter =
  | { kind: 'all' }
  | { kind: 'status'; status: Status }
  | { kind: 'order'; orderId: string }
  | { kind: 'rma'; rma: string }
  | { kind: 'deadline'; dueBefore?: string; overdue?: boolean };

const shards = (pkOf: (shard: number) => string): string[] =>
  Array.from({ length: LISTING_SHARDS }, (_, shard) => pkOf(shard));

const bySellerPk = (sellerId: string, shard: number) => `${sellerPk(sellerId)}#SHARD#${shard}`;
const byStatusPk = (sellerId: string, status: string, shard: number) =>
  `${sellerPk(sellerId)}#STATUS#${status}#SHARD#${shard}`;
const byOrderPk = (sellerId: string, orderId: string) => `${sellerPk(sellerId)}#ORDER#${orderId}`;
const byRmaPk = (sellerId: string, rma: string) => `${sellerPk(sellerId)}#RMA#${rma}`;
const byDeadlinePk = (sellerId: string, shard: number) => `${sellerPk(sellerId)}#DUE#SHARD#${shard}`;
/** The hour a sweep time falls in: the sweeper's index is bucketed by it. */
export const sweepHourOf = (instant: Date): string => instant.toISOString().slice(0, 13);
/** One shard of one hour of the sweeper's index. */
export const sweepPk = (hour: string, shard: number): string => `DEADLINES#${hour}#SHARD#${shard}`;
const sweepShardOf = (id: string): number => fnv1a(id) % SWEEP_SHARDS;
/** Where the sweeper keeps the oldest hour it still has to sweep (a single item, written once a sweep). */
export const sweepWatermarkKey = () => ({ [PARTITION_KEY]: 'SWEEPER#DEADLINES', [SORT_KEY]: 'WATERMARK' });
/** The tracking index's partition for one tracking number. */
export const trackingPk = (trackingNumber: string): string => `TRACKING#${trackingNumber}`;

/**
 * Where one listing of a seller's lives: the index and every partition key to read (all shards of a
 * sharded listing). Listings sort by `{createdAt}#{id}` (newest first), the deadline listing by
 * `{dueAt}#{id}` (soonest first), so pages merge across shards by sort key.
 */
export const returnListing = (
  sellerId: string,
  filter: ReturnListingFilter,
): { index: IndexDesign; partitionKeys: string[] } => {
  switch (filter.kind) {
    case 'all':
      return { index: GSI.bySeller, partitionKeys: shards((s) => bySellerPk(sellerId, s)) };
    case 'status':
      return { index: GSI.byStatus, partitionKeys: shards((s) => byStatusPk(sellerId, filter.status, s)) };
    case 'order':
      return { index: GSI.byOrder, partitionKeys: [byOrderPk(sellerId, filter.orderId)] };
    case 'rma':
      return { index: GSI.byRma, partitionKeys: [byRmaPk(sellerId, filter.rma)] };
    case 'deadline':
      return { index: GSI.byDeadline, partitionKeys: shards((s) => byDeadlinePk(sellerId, s)) };
  }
};

/**
 * Every key attribute a stored return carries: the base table's and each index's it belongs in. The
 * repository spreads it into the item; the key-heat bench drives it with a modelled load. `lead` places
 * the reminder in the sweeper's index.
 */
export const returnItemKeys = (
  ret: Pick<
    Return,
    | 'sellerId'
    | 'id'
    | 'status'
    | 'createdAt'
    | 'updatedAt'
    | 'orderId'
    | 'rma'
    | 'trackingNumber'
    | 'nextDeadline'
  > &
    Partial<Pick<Return, 'outbox' | 'offers'>>,
  lead: ReminderLead = DEFAULT_REMINDER_LEAD,
): Record<string, string> => {
  const listed = `${ret.createdAt}#${ret.id}`;
  const shard = listingShardOf(ret.id);
  return {
    ...returnKey(ret.sellerId, ret.id),
    [GSI.byStatus.partitionKey]: byStatusPk(ret.sellerId, ret.status, shard),
    [GSI.byStatus.sortKey]: listed,
    [GSI.bySeller.partitionKey]: bySellerPk(ret.sellerId, shard),
    [GSI.bySeller.sortKey]: listed,
    [GSI.byOrder.partitionKey]: byOrderPk(ret.sellerId, ret.orderId),
    [GSI.byOrder.sortKey]: listed,
    [GSI.byRma.partitionKey]: byRmaPk(ret.sellerId, ret.rma),
    [GSI.byRma.sortKey]: listed,
    // Only once a label exists: an item without the key attributes stays out of the sparse index.
    ...(ret.trackingNumber
      ? { [GSI.byTracking.partitionKey]: trackingPk(ret.trackingNumber), [GSI.byTracking.sortKey]: 'RETURN' }
      : {}),
    ...deadlineKeys(ret, lead),
    ...pendingEventsKeys(ret),
  };
};

/**
 * The two deadline indexes, sparse: a return without a deadline is not listed by it, and one with
 * nothing ahead for the sweeper (its deadline reminded and found overdue, no offer open) leaves the
 * sweeper's. The sweeper's time is the earlier of the deadline's next sweep and the open offer's expiry
 * (sweep-decision.ts). A sweep time already past goes in the hour of the write, which the sweeper has not
 * passed yet (it keeps the hour of a few minutes ago), so it is found.
 */
const deadlineKeys = (
  ret: Pick<Return, 'sellerId' | 'id' | 'updatedAt' | 'nextDeadline'> & Partial<Pick<Return, 'offers'>>,
  lead: ReminderLead,
): Record<string, string> => {
  const deadline = ret.nextDeadline;
  const sweepAt = sweepWakeAt(ret, lead);
  const hour = sweepAt && new Date(Math.max(sweepAt.getTime(), Date.parse(ret.updatedAt)));
  return {
    ...(deadline
      ? {
          [GSI.byDeadline.partitionKey]: byDeadlinePk(ret.sellerId, listingShardOf(ret.id)),
          [GSI.byDeadline.sortKey]: `${deadline.dueAt}#${ret.id}`,
        }
      : {}),
    ...(sweepAt && hour
      ? {
          [GSI.bySweepTime.partitionKey]: sweepPk(sweepHourOf(hour), sweepShardOf(ret.id)),
          [GSI.bySweepTime.sortKey]: `${sweepAt.toISOString()}#${ret.id}`,
        }
      : {}),
  };
};

export const sellerProfileKey = (sellerId: string) => ({
  [PARTITION_KEY]: sellerPk(sellerId),
  [SORT_KEY]: 'PROFILE',
});

export const sellerDirectoryKey = (sellerId: string) => ({
  [PARTITION_KEY]: SELLER_DIRECTORY_PK,
  [SORT_KEY]: `SELLER#${sellerId}`,
});

export const policyKey = (sellerId: string, marketplace: string) => ({
  [PARTITION_KEY]: sellerPk(sellerId),
  [SORT_KEY]: `${POLICY_SK_PREFIX}${marketplace}`,
});

export const apiKeyKey = (keyId: string) => ({
  [PARTITION_KEY]: `APIKEY#${keyId}`,
  [SORT_KEY]: 'APIKEY',
});

/** A seller's entry for one of its keys, so the admin tool lists them with a Query (key ids sort by time). */
export const sellerApiKeyKey = (sellerId: string, keyId: string) => ({
  [PARTITION_KEY]: sellerPk(sellerId),
  [SORT_KEY]: `${API_KEY_SK_PREFIX}${keyId}`,
});

/** A seller's connection to one provider: in its own partition's profile range, read by one GetItem. */
export const connectionKey = (sellerId: string, provider: string) => ({
  [PARTITION_KEY]: sellerPk(sellerId),
  [SORT_KEY]: `INTEGRATION#${provider}`,
});

/** Which seller a connection id belongs to: a webhook URL names only the connection. */
export const connectionDirectoryKey = (provider: string, connectionId: string) => ({
  [PARTITION_KEY]: `CONNECTION#${provider}#${connectionId}`,
  [SORT_KEY]: 'CONNECTION',
});

/** Which seller a provider account (a Stripe Connect `acct_...`) is connected to: Connect events name only it. */
export const accountDirectoryKey = (provider: string, accountId: string) => ({
  [PARTITION_KEY]: `ACCOUNT#${provider}#${accountId}`,
  [SORT_KEY]: 'ACCOUNT',
});

/**
 * One Powertools idempotency record: its own partition (the key is `route#{route}#{hash of the
 * Idempotency-Key}`), so records never share a partition whatever the traffic.
 */
export const idempotencyRecordKey = (idempotencyKey: string) => ({
  [PARTITION_KEY]: idempotencyKey,
  [SORT_KEY]: 'IDEMPOTENCY',
});

/** A return's notifications' partition: one per return, so it takes a handful of writes in its life. */
export const notificationsPk = (returnId: string): string => `NOTIFICATION#${returnId}`;

/**
 * One notification's claim or record of having been sent (see DynamoNotificationLedger), by its id
 * `<returnId>#<kind>`: in the return's partition, sorted by kind, so the return page reads them with one
 * Query. An id without a return is a programming error.
 */
export const notificationKey = (id: string) => {
  const at = id.indexOf('#');
  if (at <= 0 || at === id.length - 1) throw new Error(`a notification id is <returnId>#<kind>, not ${id}`);
  return { [PARTITION_KEY]: notificationsPk(id.slice(0, at)), [SORT_KEY]: id.slice(at + 1) };
};

/**
 * A seller's counters of one day and dimension (return-counters.ts): a partition of their own, so a day's
 * reason, SKU, status and credit counters take their writes apart, and a range of days is one read each
(the `sku` day partition holds one item per SKU instead, see skuCounterKey, and is read with a Query).
 * A `shard` splits one further (the `status` items, which every status change of the day's returns adds to).
 */
export const dayCounterKey = (sellerId: string, dimension: string, day: string, shard?: number) => ({
  [PARTITION_KEY]: `${sellerPk(sellerId)}#ANALYTICS#${dimension}#${day}${shard === undefined ? '' : `#SHARD#${shard}`}`,
  [SORT_KEY]: 'COUNTERS',
});

export const SKU_COUNTER_PREFIX = 'SKU#';

/**
 * The units of one SKU a seller's returns opened on a day: one item per SKU under the day's partition,
 * so an ADD is billed ~1 WCU however many SKUs the day has (one item holding them all grows past 1 WCU
 * per write, then past 400 KB). The SKU is URI-encoded: `#`, `/` and `:` are legal in a SKU.
 */
export const skuCounterKey = (sellerId: string, day: string, sku: string) => ({
  [PARTITION_KEY]: dayCounterKey(sellerId, 'sku', day)[PARTITION_KEY],
  [SORT_KEY]: `${SKU_COUNTER_PREFIX}${encodeURIComponent(sku)}`,
});

/** A seller's returns by status now, one shard of them: spread by the return id, like the listings. */
export const statusNowCounterKey = (sellerId: string, shard: number) => ({
  [PARTITION_KEY]: `${sellerPk(sellerId)}#ANALYTICS#now#SHARD#${shard}`,
  [SORT_KEY]: 'COUNTERS',
});

export const webhookEndpointsPk = (sellerId: string): string => `${sellerPk(sellerId)}#WEBHOOKS`;
export const WEBHOOK_ENDPOINT_SK_PREFIX = 'ENDPOINT#';

export const webhookEndpointKey = (sellerId: string, id: string) => ({
  [PARTITION_KEY]: webhookEndpointsPk(sellerId),
  [SORT_KEY]: `${WEBHOOK_ENDPOINT_SK_PREFIX}${id}`,
});

/** Shards of each endpoint's delivery listing (gsi10): one endpoint's deliveries, by return. */
export const DELIVERY_SHARDS = 16;

/**
 * Shards of the due-deliveries index (gsi9), every seller's: each delivery enters it and leaves it, about
 * 20 WCU a return with one endpoint; the key-heat bench puts a shard at 65% of a partition's limit at
 * 1,000 new returns a second (16 shards were 130%).
 */
export const DUE_DELIVERY_SHARDS = 32;

export const deliveryChainPk = (endpointId: string, returnId: string): string =>
  `WEBHOOK#${endpointId}#RETURN#${returnId}`;
export const DELIVERY_SK_PREFIX = 'DELIVERY#';

/** A delivery's key: its chain, and its place in it (sequences sort as zero-padded text). */
export const webhookDeliveryKey = (endpointId: string, returnId: string, sequence: number) => ({
  [PARTITION_KEY]: deliveryChainPk(endpointId, returnId),
  [SORT_KEY]: `${DELIVERY_SK_PREFIX}${String(sequence).padStart(8, '0')}`,
});

export const dueDeliveriesPartitions = (): string[] =>
  Array.from({ length: DUE_DELIVERY_SHARDS }, (_, shard) => `DUE#${shard}`);

export const endpointDeliveriesPartitions = (endpointId: string): string[] =>
  Array.from({ length: DELIVERY_SHARDS }, (_, shard) => `WEBHOOK#${endpointId}#SHARD#${shard}`);

/** The index keys of a delivery: listed always, due while PENDING with a time. */
export const webhookDeliveryIndexKeys = (d: {
  endpointId: string;
  returnId: string;
  sequence: number;
  createdAt: string;
  deliveryId: string;
  status: string;
  nextAttemptAt?: string;
}): Record<string, string> => {
  const chain = deliveryChainPk(d.endpointId, d.returnId);
  const listed = endpointDeliveriesPartitions(d.endpointId)[shardOf(d.returnId, DELIVERY_SHARDS)]!;
  return {
    [GSI.endpointDeliveries.partitionKey]: listed,
    [GSI.endpointDeliveries.sortKey]: `${d.createdAt}#${d.deliveryId}`,
    ...(d.status === 'PENDING' && d.nextAttemptAt
      ? {
          [GSI.dueDeliveries.partitionKey]: dueDeliveriesPartitions()[shardOf(chain, DUE_DELIVERY_SHARDS)]!,
          [GSI.dueDeliveries.sortKey]: `${d.nextAttemptAt}#${chain}#${d.sequence}`,
        }
      : {}),
  };
};

/** Drops the storage-only attributes so the rest can be parsed as a domain object. */
export const withoutStorageAttributes = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.includes(name)));
