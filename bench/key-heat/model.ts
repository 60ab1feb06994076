import { createHash } from 'node:crypto';
import { materializeEvent } from '../../domain/events/event-snapshot.js';
import type { Return } from '../../domain/return.js';
import type { IndexShape, KeyDesign } from './designs.js';
import { HeatMap, type Busiest } from './heat-map.js';
import { itemSize, readUnits, writeUnits } from './item-size.js';
import { POLICY, happyPathLifecycle, type Lifecycle, type LifecycleOp } from './lifecycle.js';

/**
 * The key-heat model: one second of steady traffic is the whole lifecycle of one second's new returns
 * (in steady state every lifecycle step runs at the create rate). Every operation is priced from the
 * real stored item (WCU = 1 per started KB of the larger of the old and new item, GSI writes by the
 * projected item; RCU = 1 per started 4 KB, half when eventually consistent) and charged to the
 * partition key value it lands on. For keys of one return (its item, its tracking entry, its records)
 * that bunches a lifecycle of days into one second: an upper bound.
 */
export const LOAD = {
  createsPerSecond: 1_000,
  carrierEventsPerSecond: 5_000,
  /** The share of all creates that comes from the one big seller. */
  hotSellerShare: 0.1,
  /** Every other return comes from a seller of its own. */
  listPageSize: 25,
  /** The deadline sweeper's schedule (infra/constructs/deadline-sweeper.ts): one run a minute a region. */
  sweepsPerSecond: 1 / 60,
} as const;

export const LIMITS = { wcuPerSecond: 1_000, rcuPerSecond: 3_000 } as const;

export const HOT_SELLER = 'seller-hot';
const TABLE = 'table';

export interface TargetHeat extends Busiest {
  /** `table` or an index name. */
  target: string;
  projection: string;
}

export interface KeyHeat {
  design: string;
  targets: TargetHeat[];
  /** The table's busiest keys holding each kind of item (a key's figures count every item under it). */
  tableByKind: (Busiest & { kind: string })[];
  /** Write units per return, all lifecycle writes included, on the table and on the GSIs. */
  wcuPerReturn: { table: number; indexes: number };
  /** How many of each operation one return's lifecycle makes. */
  opsPerReturn: Record<string, number>;
  /** The stored return's size in bytes at its first and last version, and its largest. */
  returnItemBytes: { created: number; completed: number; largest: number };
}

type Item = Record<string, unknown>;

/** ULID-shaped ids from a counter: deterministic, so the model prints the same figures every run. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const idFor = (n: number): string => {
  const digest = createHash('sha256').update(String(n)).digest();
  const random = Array.from(digest.subarray(0, 16), (b) => CROCKFORD[b % 32]).join('');
  return `01JD5Z0000${random}`;
};

const keyIdOf = (sellerId: string) => createHash('sha256').update(sellerId).digest('hex').slice(0, 26);

const OPENED_AT = new Date('2026-11-05T10:00:00.000Z');

/** One second's new returns, each with its whole lifecycle: the hot seller's first, then one per seller. */
export const buildCohort = (): Lifecycle[] => {
  const hotReturns = Math.round(LOAD.createsPerSecond * LOAD.hotSellerShare);
  const cohort = Array.from({ length: LOAD.createsPerSecond }, (_, n) =>
    happyPathLifecycle(n < hotReturns ? HOT_SELLER : `seller-${n}`, idFor(n), OPENED_AT),
  );
  const carrierEvents = cohort.reduce((sum, l) => sum + l.carrierEvents, 0);
  if (carrierEvents !== LOAD.carrierEventsPerSecond) {
    throw new Error(
      `the lifecycle makes ${carrierEvents} carrier events/s, the load says ${LOAD.carrierEventsPerSecond}`,
    );
  }
  return cohort;
};

export const modelKeyHeat = (design: KeyDesign, cohort: Lifecycle[]): KeyHeat => {
  const heat = new HeatMap();
  const storedItems = new WeakMap<Return, Item>();
  const stored = (ret: Return): Item => {
    let item = storedItems.get(ret);
    if (!item && design.returnItem) storedItems.set(ret, (item = design.returnItem(ret)));
    if (!item) {
      // A design without the outbox stored no events on the return.
      const { outbox, ...rest } = ret;
      const kept = design.events ? { ...rest, outbox } : rest;
      storedItems.set(ret, (item = { ...kept, ...design.returnItemKeys(ret), entity: 'RETURN' }));
    }
    return item;
  };
  const trackingIndex = indexHolding(design, cohort[0]!.versions.at(-1)!, 'TRACKING#');
  const bySeller = groupBySeller(cohort);
  const counters = new Map<string, Item>();

  for (const lifecycle of cohort) {
    const first = lifecycle.versions[0]!;
    const sellerId = first.sellerId;
    for (const op of lifecycle.ops) {
      chargeOp(op, {
        design,
        heat,
        stored,
        trackingIndex,
        sellerId,
        returnId: first.id,
        peers: bySeller.get(sellerId)!,
        counters,
      });
    }
  }
  if (design.sweep) chargeSweeper(design.sweep, heat, OPENED_AT);

  const versions = cohort[0]!.versions.map((v) => itemSize(stored(v)));
  const targets = [
    { name: TABLE, projection: 'base' },
    ...design.indexes.map((i) => ({ name: i.indexName, projection: i.projection })),
  ];
  return {
    design: design.label,
    targets: targets.map(({ name, projection }) => ({ target: name, projection, ...heat.busiest(name) })),
    tableByKind: heat.kindsOf(TABLE).map((kind) => ({ kind, ...heat.busiest(TABLE, kind) })),
    wcuPerReturn: {
      table: heat.totalWcu((target) => target === TABLE) / LOAD.createsPerSecond,
      indexes: heat.totalWcu((target) => target !== TABLE) / LOAD.createsPerSecond,
    },
    opsPerReturn: countOps(cohort[0]!.ops),
    returnItemBytes: { created: versions[0]!, completed: versions.at(-1)!, largest: Math.max(...versions) },
  };
};

interface Charging {
  design: KeyDesign;
  heat: HeatMap;
  stored: (ret: Return) => Item;
  trackingIndex: IndexShape;
  sellerId: string;
  returnId: string;
  /** The seller's returns in this second, newest first by construction: what a list page shows. */
  peers: Lifecycle[];
  /** Every counter item as the second's writes have left it so far, by `{pk}|{sk}`. */
  counters: Map<string, Item>;
}

const chargeOp = (op: LifecycleOp, c: Charging): void => {
  const { design, heat, stored } = c;
  switch (op.op) {
    case 'writeReturn': {
      const before = op.before ? stored(op.before) : undefined;
      const after = stored(op.after);
      const units = writeUnits(Math.max(itemSize(after), before ? itemSize(before) : 0));
      heat.write(TABLE, String(after.pk), units, 'return');
      for (const index of design.indexes) chargeIndexWrite(heat, index, before, after);
      return;
    }
    case 'addCounters': {
      const writesOf = design.counterWrites;
      if (!writesOf) return;
      for (const { key, add } of op.changes.flatMap((change) => writesOf(op.ret, change))) {
        const added = Object.entries(add).filter(([, n]) => n !== 0);
        if (added.length === 0) continue;
        const at = `${key.pk}|${key.sk}`;
        const item = c.counters.get(at) ?? { ...key, entity: 'COUNTERS' };
        for (const [name, n] of added) item[`c:${name}`] = Number(item[`c:${name}`] ?? 0) + n;
        // A fresh object: item sizes are cached per object.
        const after = { ...item };
        c.counters.set(at, after);
        heat.write(TABLE, key.pk!, writeUnits(itemSize(after)), 'counters');
      }
      return;
    }
    case 'getReturn': {
      const item = stored(op.ret);
      heat.read(TABLE, String(item.pk), readUnits(itemSize(item), true), 'return');
      return;
    }
    case 'findByTracking': {
      const entry = projected(c.trackingIndex, stored(op.ret));
      heat.read(
        c.trackingIndex.indexName,
        String(entry[c.trackingIndex.partitionKey]),
        readUnits(itemSize(entry), false),
        'index',
      );
      return;
    }
    case 'listByStatus': {
      const page = c.peers.slice(0, LOAD.listPageSize).map((l) => stored(l.versions[0]!));
      const { indexName, partitionKeys } = design.statusListing(c.sellerId, op.status);
      const index = design.indexes.find((i) => i.indexName === indexName)!;
      const perPartition = Math.ceil(page.length / partitionKeys.length);
      const entryBytes = itemSize(projected(index, page[0]!));
      for (const pk of partitionKeys) {
        heat.read(indexName, pk, readUnits(perPartition * entryBytes, false), 'index');
      }
      // Keys-only or INCLUDE entries: the page's items come from the table, one BatchGetItem.
      if (index.projection !== 'ALL') {
        for (const item of page)
          heat.read(TABLE, String(item.pk), readUnits(itemSize(item), false), 'return');
      }
      return;
    }
    case 'authorizeRequest':
      for (const key of design.authorizerReads(c.sellerId, keyIdOf(c.sellerId))) {
        const units = readUnits(itemSize({ ...key, ...API_KEY_RECORD(c.sellerId) }), true);
        heat.read(TABLE, key.pk!, units, key.sk === 'PROFILE' ? 'seller profile' : 'API key');
      }
      return;
    case 'getPolicy': {
      const key = design.policyKey(c.sellerId, 'US');
      heat.read(
        TABLE,
        key.pk!,
        readUnits(itemSize({ ...key, ...STORED_POLICY(c.sellerId) }), true),
        'policy',
      );
      return;
    }
    case 'idempotentPost': {
      const hash = createHash('md5').update(`${c.sellerId}#${c.returnId}#${op.route}`).digest('base64');
      const key = design.idempotencyRecordKey(op.route, hash);
      const inProgress = {
        ...key,
        status: 'INPROGRESS',
        expiration: 1_800_000_000,
        in_progress_expiration: 1_800_000_000_000,
        validation: hash,
      };
      heat.write(TABLE, key.pk!, writeUnits(itemSize(inProgress)), 'idempotency');
      heat.write(
        TABLE,
        key.pk!,
        writeUnits(itemSize({ ...inProgress, status: 'COMPLETED', data: 'x'.repeat(op.responseBytes) })),
        'idempotency',
      );
      return;
    }
    case 'dispatch':
      if (design.events) chargeDispatch(design.events, op, c);
      return;
    case 'notify': {
      const key = design.notificationKey(`${c.returnId}#${op.name}`);
      const record = {
        ...key,
        status: 'SENT',
        claimedUntil: 1_800_000_000_000,
        sentAt: OPENED_AT.toISOString(),
        entity: 'NOTIFICATION',
      };
      // The claim (a conditional put) and the confirmation (an update).
      heat.write(TABLE, key.pk!, writeUnits(itemSize(record)), 'notification');
      heat.write(TABLE, key.pk!, writeUnits(itemSize(record)), 'notification');
      return;
    }
  }
};

/** Every seller is modelled with one webhook endpoint that takes every event: the most deliveries. */
const endpointOf = (sellerId: string) => `ep_${keyIdOf(sellerId).slice(0, 20)}`;

/**
 * One dispatcher pass: it reads the return, the seller's endpoints and (at most) profile once; each event
 * goes into the seller's feed and becomes one delivery (put PENDING, then updated DELIVERED by the
 * delivery worker, which reads it first); the drain rewrites the return without them and takes it out of
 * the pending-events index. A table stream or poller triggers the pass: stream reads cost no RCU.
 */
const chargeDispatch = (
  events: NonNullable<KeyDesign['events']>,
  op: Extract<LifecycleOp, { op: 'dispatch' }>,
  c: Charging,
): void => {
  const { heat, stored, sellerId } = c;
  const item = stored(op.before);
  heat.read(TABLE, String(item.pk), readUnits(itemSize(item), true), 'return');
  const endpoints = events.endpointsKey(sellerId);
  heat.read(
    TABLE,
    endpoints.pk!,
    readUnits(itemSize({ ...endpoints, ...ENDPOINT_RECORD }), true),
    'webhook endpoints',
  );
  const profile = events.sellerProfileKey(sellerId);
  heat.read(
    TABLE,
    profile.pk!,
    readUnits(itemSize({ ...profile, ...API_KEY_RECORD(sellerId) }), true),
    'seller profile',
  );
  const endpointId = endpointOf(sellerId);
  for (const pending of op.before.outbox!.pending) {
    const event = materializeEvent(pending, op.before);
    const feed = events.feedItem(sellerId, event);
    heat.write(TABLE, String(feed.pk), writeUnits(itemSize(feed)), 'event feed');
    const delivery = {
      deliveryId: event.id,
      endpointId,
      sellerId,
      returnId: event.returnId,
      sequence: event.sequence,
      eventType: event.type,
      status: 'PENDING',
      attempts: [] as unknown[],
      createdAt: event.occurredAt,
      nextAttemptAt: event.occurredAt,
      payload: JSON.stringify(event),
    };
    const deliveryKey = events.deliveryKey(endpointId, event.returnId, event.sequence);
    const put = { ...delivery, ...deliveryKey };
    const pendingItem = { ...put, ...events.deliveryIndexKeys(delivery), entity: 'WEBHOOK_DELIVERY' };
    const sent = {
      ...delivery,
      status: 'DELIVERED',
      attempts: [{ at: event.occurredAt, status: 200, ms: 120 }],
    };
    const sentItem = { ...put, ...sent, ...events.deliveryIndexKeys(sent), entity: 'WEBHOOK_DELIVERY' };
    heat.write(TABLE, deliveryKey.pk!, writeUnits(itemSize(pendingItem)), 'webhook delivery');
    for (const index of c.design.indexes) chargeIndexWrite(heat, index, undefined, pendingItem);
    heat.read(TABLE, deliveryKey.pk!, readUnits(itemSize(pendingItem), true), 'webhook delivery');
    heat.write(
      TABLE,
      deliveryKey.pk!,
      writeUnits(Math.max(itemSize(pendingItem), itemSize(sentItem))),
      'webhook delivery',
    );
    for (const index of c.design.indexes) chargeIndexWrite(heat, index, pendingItem, sentItem);
  }
  chargeOp({ op: 'writeReturn', before: op.before, after: op.after }, c);
};

/** A webhook endpoint as stored (its signing secret sealed). */
const ENDPOINT_RECORD: Item = {
  id: 'ep_0123456789abcdefghij',
  url: 'https://hooks.example.com/returns',
  events: ['*'],
  status: 'ENABLED',
  secret: 'x'.repeat(180),
  createdAt: OPENED_AT.toISOString(),
  entity: 'WEBHOOK_ENDPOINT',
};

/**
 * The deadline sweeper's reads in one second: a sweep a minute reads its watermark (consistently) and
 * Queries every shard of the hour it sweeps for what is due. A happy-path return meets each deadline
 * before its reminder, so nothing is due: each Query reads the minimum. The watermark is written once a
 * sweep.
 */
const chargeSweeper = (sweep: NonNullable<KeyDesign['sweep']>, heat: HeatMap, now: Date): void => {
  const perSecond = LOAD.sweepsPerSecond;
  heat.read(TABLE, sweep.watermark.pk!, readUnits(0, true) * perSecond, 'sweeper watermark');
  heat.write(TABLE, sweep.watermark.pk!, writeUnits(0) * perSecond, 'sweeper watermark');
  for (const pk of sweep.partitionKeys(now.toISOString().slice(0, 13))) {
    heat.read(sweep.indexName, pk, readUnits(0, false) * perSecond, 'index');
  }
};

/** The API key record (and seller profile: about the same size) as stored. */
const API_KEY_RECORD = (sellerId: string): Item => ({
  keyId: keyIdOf(sellerId),
  sellerId,
  secretHash: 'f'.repeat(64),
  status: 'ACTIVE',
  sellerStatus: 'ACTIVE',
  createdAt: OPENED_AT.toISOString(),
  entity: 'API_KEY',
});

const STORED_POLICY = (sellerId: string): Item => ({
  ...POLICY,
  sellerId,
  version: 1,
  updatedAt: OPENED_AT.toISOString(),
  entity: 'POLICY',
});

/** The entry an index holds for an item: its keys, the table's keys, and what the projection adds. */
const projected = (index: IndexShape, item: Item): Item => {
  if (index.projection === 'ALL') return item;
  const names = ['pk', 'sk', index.partitionKey, index.sortKey, ...index.nonKeyAttributes];
  return Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));
};

/**
 * What one table write costs an index: a new entry is a put, a vanished one a delete, a changed key a
 * delete and a put, and an entry whose projected attributes changed an update; otherwise nothing.
 */
const chargeIndexWrite = (heat: HeatMap, index: IndexShape, before: Item | undefined, after: Item): void => {
  const pkOf = (item: Item | undefined) => item?.[index.partitionKey] as string | undefined;
  const old = before && pkOf(before) !== undefined ? projected(index, before) : undefined;
  const next = pkOf(after) !== undefined ? projected(index, after) : undefined;
  const sameKey =
    old &&
    next &&
    old[index.partitionKey] === next[index.partitionKey] &&
    old[index.sortKey] === next[index.sortKey];
  if (old && !sameKey) heat.write(index.indexName, pkOf(old)!, writeUnits(itemSize(old)), 'index');
  if (next && !sameKey) heat.write(index.indexName, pkOf(next)!, writeUnits(itemSize(next)), 'index');
  // Every table write changes `version`, so an ALL entry always changes; a narrower one only if it shows.
  const shownChanged = index.projection === 'ALL' || JSON.stringify(old) !== JSON.stringify(next);
  if (old && next && sameKey && shownChanged) {
    heat.write(index.indexName, pkOf(next)!, writeUnits(Math.max(itemSize(old), itemSize(next))), 'index');
  }
};

const countOps = (ops: LifecycleOp[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const { op } of ops) counts[op] = (counts[op] ?? 0) + 1;
  return counts;
};

const indexHolding = (design: KeyDesign, ret: Return, pkPrefix: string): IndexShape => {
  const keys = design.returnItemKeys(ret);
  const found = design.indexes.find((i) => keys[i.partitionKey]?.startsWith(pkPrefix));
  if (!found) throw new Error(`${design.label}: no index keyed ${pkPrefix}`);
  return found;
};

const groupBySeller = (cohort: Lifecycle[]): Map<string, Lifecycle[]> => {
  const groups = new Map<string, Lifecycle[]>();
  for (const l of cohort) {
    const sellerId = l.versions[0]!.sellerId;
    groups.set(sellerId, [...(groups.get(sellerId) ?? []), l]);
  }
  return groups;
};

/**
 * The day's units by SKU, one item per SKU under the day's partition: what bounds it. The largest item
 * (a 64-character SKU that URI-encodes to three bytes a character, a six-digit count) is still billed
 * 1 WCU an ADD, however many SKUs the day has; the partition takes one ADD per distinct SKU of each
 * return, so it reaches the per-partition limit only when the big seller's creates times their distinct
 * SKUs pass 1,000 a second. A report reads a day's items in 1 MB pages, about `perPage` SKUs a page
 * for SKU codes as long as `skuLength`.
 */
export const skuCounterLimits = (design: KeyDesign, sample: Return, skuLength = 12) => {
  const writesOf = design.counterWrites;
  if (!writesOf) return undefined;
  const itemOf = (sku: string, units: number) => {
    const { key, add } = writesOf(sample, {
      bucket: 'day',
      day: '2026-11-05',
      dimension: 'sku',
      add: { [sku]: units },
    })[0]!;
    return {
      ...key,
      entity: 'COUNTERS',
      ...Object.fromEntries(Object.entries(add).map(([n, v]) => [`c:${n}`, v])),
    };
  };
  const creates = LOAD.createsPerSecond * LOAD.hotSellerShare;
  const largest = itemSize(itemOf('#'.repeat(64), 999_999));
  return {
    creates,
    largestItemBytes: largest,
    wcuPerAdd: writeUnits(largest),
    distinctSkusPerReturnAtPartitionLimit: LIMITS.wcuPerSecond / creates,
    perPage: Math.floor((1024 * 1024) / itemSize(itemOf('S'.repeat(skuLength), 9_999))),
  };
};
