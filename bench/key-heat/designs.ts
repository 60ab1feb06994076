import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { OutboxEvent, Return, Status } from '../../domain/return.js';
import type { CounterChange } from '../../domain/return-analytics.js';
import * as current from '../../functions/adapters/dynamodb/table-design.js';
import { counterWrites, type CounterWrite } from '../../functions/adapters/dynamodb/return-counters.js';
import { returnItem } from '../../functions/adapters/dynamodb/return-item.js';
import { eventFeedItem } from '../../functions/adapters/dynamodb/event-feed.js';

/**
 * The two table designs the key-heat model compares, in one shape: today's, imported, and the one at
 * commit 1ca9778 (before the keys were redesigned), loaded from git history as it was written, so the
 * "before" figures come from the old key functions themselves and not from a copy.
 */
export const BEFORE_COMMIT = '1ca9778';

type Key = Record<string, string>;

export interface IndexShape {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  nonKeyAttributes: readonly string[];
}

export interface KeyDesign {
  label: string;
  /** Every key attribute of the stored return: base table and each index it is in. */
  returnItemKeys(ret: Return): Key;
  /**
   * The stored item of a return, as the repository writes it (its bulk packed); absent in a design that
   * stored the aggregate as it is, with its keys.
   */
  returnItem?(ret: Return): Record<string, unknown>;
  indexes: IndexShape[];
  /** The items one authorizer run reads, each with a consistent GetItem. */
  authorizerReads(sellerId: string, keyId: string): Key[];
  policyKey(sellerId: string, marketplace: string): Key;
  notificationKey(id: string): Key;
  /** Where Powertools puts the record of a keyed POST (`route#{route}` prefix, hash of the key). */
  idempotencyRecordKey(route: string, hash: string): Key;
  /** The index and partitions one page of a seller's status listing reads. */
  statusListing(sellerId: string, status: Status): { indexName: string; partitionKeys: string[] };
  /** The items a counter change adds to, and what; absent in a design without analytics counters. */
  counterWrites?(ret: Return, change: CounterChange): CounterWrite[];
  /**
   * What one run of the deadline sweeper reads, whatever the traffic: its watermark item and the
   * partitions of the hour it sweeps; absent in a design without the sweeper.
   */
  sweep?: { indexName: string; watermark: Key; partitionKeys(hour: string): string[] };
  /**
   * Where the outbox's events go: the seller's feed, its webhook endpoints and their deliveries (and the
   * profile the mail reads); absent in a design without events, whose returns carry no outbox.
   */
  events?: {
    /** An event's item in its seller's feed, as the feed writes it. */
    feedItem(sellerId: string, event: OutboxEvent): Record<string, unknown>;
    endpointsKey(sellerId: string): Key;
    sellerProfileKey(sellerId: string): Key;
    deliveryKey(endpointId: string, returnId: string, sequence: number): Key;
    deliveryIndexKeys(delivery: Parameters<typeof current.webhookDeliveryIndexKeys>[0]): Key;
  };
}

const indexesOf = (description: {
  globalSecondaryIndexes: readonly {
    indexName: string;
    partitionKey: { name: string };
    sortKey: { name: string };
    projection: string;
    nonKeyAttributes?: readonly string[];
  }[];
}): IndexShape[] =>
  description.globalSecondaryIndexes.map((g) => ({
    indexName: g.indexName,
    partitionKey: g.partitionKey.name,
    sortKey: g.sortKey.name,
    projection: g.projection as IndexShape['projection'],
    nonKeyAttributes: g.nonKeyAttributes ?? [],
  }));

export const currentDesign: KeyDesign = {
  label: 'now',
  returnItemKeys: current.returnItemKeys,
  returnItem: (ret) => returnItem(ret),
  indexes: indexesOf(current.TABLE_DESCRIPTION),
  authorizerReads: (_sellerId, keyId) => [current.apiKeyKey(keyId)],
  policyKey: current.policyKey,
  notificationKey: current.notificationKey,
  idempotencyRecordKey: (route, hash) => current.idempotencyRecordKey(`route#${route}#${hash}`),
  statusListing: (sellerId, status) => {
    const { index, partitionKeys } = current.returnListing(sellerId, { kind: 'status', status });
    return { indexName: index.indexName, partitionKeys };
  },
  counterWrites,
  sweep: {
    indexName: current.GSI.bySweepTime.indexName,
    watermark: current.sweepWatermarkKey(),
    partitionKeys: (hour) => Array.from({ length: current.SWEEP_SHARDS }, (_, s) => current.sweepPk(hour, s)),
  },
  events: {
    feedItem: eventFeedItem,
    endpointsKey: (sellerId) => ({ pk: current.webhookEndpointsPk(sellerId) }),
    sellerProfileKey: current.sellerProfileKey,
    deliveryKey: current.webhookDeliveryKey,
    deliveryIndexKeys: current.webhookDeliveryIndexKeys,
  },
};

/** What the bench uses of the old table-design.ts (its exports at 1ca9778). */
interface OldTableDesign {
  TABLE_DESCRIPTION: Parameters<typeof indexesOf>[0];
  IDEMPOTENCY_ATTRIBUTES: { keyAttr: string; sortKeyAttr?: string };
  returnKey(sellerId: string, id: string): Key;
  returnByStatusKey(sellerId: string, status: string, createdAt: string, id: string): Key;
  returnByOrderKey(sellerId: string, orderId: string, createdAt: string, id: string): Key;
  returnByTrackingKey(trackingNumber: string): Key;
  returnsByStatusPk(sellerId: string, status: string): string;
  GSI: { byStatus: { indexName: string } };
  apiKeyKey(keyId: string): Key;
  sellerProfileKey(sellerId: string): Key;
  policyKey(sellerId: string, marketplace: string): Key;
  notificationKey(id: string): Key;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Writes the old file out of git history (into node_modules/.cache) and imports it. */
const importOldTableDesign = async (): Promise<OldTableDesign> => {
  const source = execFileSync(
    'git',
    ['show', `${BEFORE_COMMIT}:functions/adapters/dynamodb/table-design.ts`],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  const dir = join(repoRoot, 'node_modules', '.cache', 'key-heat');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `table-design-${BEFORE_COMMIT}.ts`);
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as OldTableDesign;
};

/**
 * The design at 1ca9778. Its return repository stored each return with returnKey, returnByStatusKey,
 * returnByOrderKey and (once labelled) returnByTrackingKey; the authorizer read the key record and then
 * the seller profile; idempotency.ts gave Powertools a sort key (IDEMPOTENCY_ATTRIBUTES), so every record
 * of a route sat under Powertools' one static partition `idempotency#{prefix}`.
 */
export const loadBeforeDesign = async (): Promise<KeyDesign> => {
  const old = await importOldTableDesign();
  return {
    label: `before (${BEFORE_COMMIT})`,
    returnItemKeys: (ret) => ({
      ...old.returnKey(ret.sellerId, ret.id),
      ...old.returnByStatusKey(ret.sellerId, ret.status, ret.createdAt, ret.id),
      ...old.returnByOrderKey(ret.sellerId, ret.orderId, ret.createdAt, ret.id),
      ...(ret.trackingNumber ? old.returnByTrackingKey(ret.trackingNumber) : {}),
    }),
    indexes: indexesOf(old.TABLE_DESCRIPTION),
    authorizerReads: (sellerId, keyId) => [old.apiKeyKey(keyId), old.sellerProfileKey(sellerId)],
    policyKey: old.policyKey,
    notificationKey: old.notificationKey,
    idempotencyRecordKey: (route, hash) => {
      const { keyAttr, sortKeyAttr } = old.IDEMPOTENCY_ATTRIBUTES;
      const recordKey = `route#${route}#${hash}`;
      // Powertools' DynamoDBPersistenceLayer.getKey: with a sort key, one static partition per prefix.
      return sortKeyAttr
        ? { [keyAttr]: `idempotency#route#${route}`, [sortKeyAttr]: recordKey }
        : { [keyAttr]: recordKey };
    },
    statusListing: (sellerId, status) => ({
      indexName: old.GSI.byStatus.indexName,
      partitionKeys: [old.returnsByStatusPk(sellerId, status)],
    }),
  };
};
