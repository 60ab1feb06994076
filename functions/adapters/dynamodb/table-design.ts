import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single-table design, in one place: the adapters build keys with it, the CDK stack declares the
 * table from `TABLE_DESCRIPTION`, and local runs create the table with `createTableInput`.
 *
 * | item                | pk                     | sk                 | also                                  |
 * | ------------------- | ---------------------- | ------------------ | ------------------------------------- |
 * | return aggregate    | SELLER#{sellerId}      | RETURN#{id (ULID)} | gsi1 (status), gsi3 (order), gsi2 once it has a tracking number |
 * | seller profile      | SELLER#{sellerId}      | PROFILE            |                                       |
 * | policy              | SELLER#{sellerId}      | POLICY#{market}    |                                       |
 * | seller directory    | SELLERS                | SELLER#{sellerId}  | lists sellers without a Scan          |
 * | API key             | APIKEY#{keyId}         | APIKEY             |                                       |
 * | seller's key index  | SELLER#{sellerId}      | APIKEY#{keyId}     | a copy of the key record, to list a seller's keys |
 * | webhook de-dup      | WEBHOOK#{carrier}#{id} | WEBHOOK            | `expiration` (TTL)                    |
 * | notification ledger | NOTIFICATION#{id}      | NOTIFICATION       | `status` SENDING/SENT, `claimedUntil` (epoch ms lease), `sentAt` |
 * | fake provider's payment | FAKEPAY#{returnId} | {idempotencyKey}   | the fake payment provider's own ledger (local runs, tests, sandboxes only) |
 * | idempotency records | written by Powertools (keyAttr pk, sortKeyAttr sk), `expiration` (TTL) |
 *
 * The return aggregate keeps its timeline inline, so every change is one conditional single-item write
 * (no TransactWriteItems, which dynalite lacks and which costs twice as much on DynamoDB).
 */
export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
/** Epoch seconds after which DynamoDB may delete the item (idempotency and de-duplication records). */
export const TTL_ATTRIBUTE = 'expiration';

export const GSI = {
  /** A seller's returns by status, newest first. */
  byStatus: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** A return by carrier tracking number. */
  byTracking: { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** A seller's returns for one order, newest first. */
  byOrder: { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
} as const;

/** What kind of item this is (`RETURN`, `SELLER`, ...): for people and admin tools reading the table. */
export const ENTITY_ATTRIBUTE = 'entity';
export type Entity =
  | 'RETURN'
  | 'SELLER'
  | 'SELLER_DIRECTORY'
  | 'POLICY'
  | 'API_KEY'
  | 'SELLER_API_KEY'
  | 'WEBHOOK_EVENT'
  | 'NOTIFICATION'
  | 'FAKE_PAYMENT';

/** The storage-only attributes on any item: stripped before an item is parsed back into a domain object. */
export const STORAGE_ATTRIBUTES: readonly string[] = [
  PARTITION_KEY,
  SORT_KEY,
  ...Object.values(GSI).flatMap((g) => [g.partitionKey, g.sortKey]),
  ENTITY_ATTRIBUTE,
];

/** Options for Powertools' DynamoDBPersistenceLayer so its records share this table. */
export const IDEMPOTENCY_ATTRIBUTES = {
  keyAttr: PARTITION_KEY,
  sortKeyAttr: SORT_KEY,
  expiryAttr: TTL_ATTRIBUTE,
} as const;

/** A plain description for the CDK stack (which maps it onto aws-dynamodb's TableV2 props). */
export const TABLE_DESCRIPTION = {
  partitionKey: { name: PARTITION_KEY, type: 'S' },
  sortKey: { name: SORT_KEY, type: 'S' },
  billingMode: 'PAY_PER_REQUEST',
  timeToLiveAttribute: TTL_ATTRIBUTE,
  globalSecondaryIndexes: Object.values(GSI).map((g) => ({
    indexName: g.indexName,
    partitionKey: { name: g.partitionKey, type: 'S' },
    sortKey: { name: g.sortKey, type: 'S' },
    projection: 'ALL',
  })),
} as const;

/** The CreateTable request for local runs (dynalite has no UpdateTimeToLive; TTL is a CDK concern). */
export const createTableInput = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    PARTITION_KEY,
    SORT_KEY,
    ...Object.values(GSI).flatMap((g) => [g.partitionKey, g.sortKey]),
  ].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
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
    Projection: { ProjectionType: 'ALL' },
  })),
});

// Key builders. Each returns exactly the attributes of one key, so callers spread them into items and
// queries and never spell a prefix by hand.

export const RETURN_SK_PREFIX = 'RETURN#';
export const POLICY_SK_PREFIX = 'POLICY#';
export const API_KEY_SK_PREFIX = 'APIKEY#';
export const SELLER_DIRECTORY_PK = 'SELLERS';

export const sellerPk = (sellerId: string): string => `SELLER#${sellerId}`;

export const returnKey = (sellerId: string, id: string) => ({
  [PARTITION_KEY]: sellerPk(sellerId),
  [SORT_KEY]: `${RETURN_SK_PREFIX}${id}`,
});

export const returnsByStatusPk = (sellerId: string, status: string): string =>
  `SELLER#${sellerId}#STATUS#${status}`;

export const returnByStatusKey = (sellerId: string, status: string, createdAt: string, id: string) => ({
  [GSI.byStatus.partitionKey]: returnsByStatusPk(sellerId, status),
  [GSI.byStatus.sortKey]: `${createdAt}#${id}`,
});

export const trackingPk = (trackingNumber: string): string => `TRACKING#${trackingNumber}`;

export const returnByTrackingKey = (trackingNumber: string) => ({
  [GSI.byTracking.partitionKey]: trackingPk(trackingNumber),
  [GSI.byTracking.sortKey]: 'RETURN',
});

export const returnsByOrderPk = (sellerId: string, orderId: string): string =>
  `SELLER#${sellerId}#ORDER#${orderId}`;

export const returnByOrderKey = (sellerId: string, orderId: string, createdAt: string, id: string) => ({
  [GSI.byOrder.partitionKey]: returnsByOrderPk(sellerId, orderId),
  [GSI.byOrder.sortKey]: `${createdAt}#${id}`,
});

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

/** A carrier event already applied; written with `attribute_not_exists(pk)` and a TTL. */
export const webhookEventKey = (carrier: string, eventId: string) => ({
  [PARTITION_KEY]: `WEBHOOK#${carrier}#${eventId}`,
  [SORT_KEY]: 'WEBHOOK',
});

/** One notification's claim or record of having been sent (see DynamoNotificationLedger). */
export const notificationKey = (id: string) => ({
  [PARTITION_KEY]: `NOTIFICATION#${id}`,
  [SORT_KEY]: 'NOTIFICATION',
});

/**
 * The fake payment provider's ledger, one partition per return (every payment request names its return),
 * one item per idempotency key: a replay finds the first payment by key, and a return's payments are one
 * Query. Stands for the provider's own records; a real provider keeps them on its side.
 */
export const fakePaymentsPk = (returnId: string): string => `FAKEPAY#${returnId}`;

export const fakePaymentKey = (returnId: string, idempotencyKey: string) => ({
  [PARTITION_KEY]: fakePaymentsPk(returnId),
  [SORT_KEY]: idempotencyKey,
});

/** Drops the storage-only attributes so the rest can be parsed as a domain object. */
export const withoutStorageAttributes = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.includes(name)));
