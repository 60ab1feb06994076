import { beforeAll, describe, expect, it } from 'vitest';
import { keyHeatFigures } from '../../bench/key-heat.js';
import { currentDesign } from '../../bench/key-heat/designs.js';
import { LIMITS, type KeyHeat } from '../../bench/key-heat/model.js';
import { GSI, returnItemKeys } from '../../functions/adapters/dynamodb/table-design.js';

/**
 * The key-heat model's output is a pure function of the table design and the modelled load (no clock,
 * no randomness), so its figures can be asserted: at 1,000 creates/s and 5,000 carrier events/s with a
 * 10% seller, no partition key value of the table or of any GSI reaches DynamoDB's per-partition limits.
 */
describe('key-heat model', () => {
  let before: KeyHeat;
  let now: KeyHeat;
  beforeAll(async () => {
    ({ before, now } = await keyHeatFigures());
  });

  it('drives the real key functions and covers the table and every GSI', () => {
    expect(currentDesign.returnItemKeys).toBe(returnItemKeys);
    expect(now.targets.map((t) => t.target)).toEqual([
      'table',
      ...Object.values(GSI).map((g) => g.indexName),
    ]);
  });

  it('keeps every busiest key of the current design under 1,000 WCU/s and 3,000 RCU/s', () => {
    for (const t of [...now.targets, ...now.tableByKind]) {
      expect(t.write.wcu, `${t.write.pk} writes`).toBeLessThan(LIMITS.wcuPerSecond);
      expect(t.read.rcu, `${t.read.pk} reads`).toBeLessThan(LIMITS.rcuPerSecond);
    }
  });

  it('finds the hot keys of the design at 1ca9778: the seller partition and the idempotency partition', () => {
    const table = before.targets.find((t) => t.target === 'table')!;
    expect(table.write.pk).toBe('SELLER#seller-hot');
    expect(table.write.wcu).toBeGreaterThan(LIMITS.wcuPerSecond);
    const idempotency = before.tableByKind.find((k) => k.kind === 'idempotency')!;
    expect(idempotency.write).toEqual({ pk: 'idempotency#route#CreateReturn', wcu: 3_000 });
    const byStatus = before.targets.find((t) => t.target === 'gsi1')!;
    expect(byStatus.write.wcu).toBeGreaterThan(LIMITS.wcuPerSecond);
  });

  it('charges the analytics counters, the deadline indexes and the sweeper to their own keys', () => {
    const kinds = now.tableByKind.map((k) => k.kind);
    expect(kinds).toEqual(expect.arrayContaining(['counters', 'sweeper watermark']));
    // A new return adds to three counter items plus one per distinct SKU, each status change to two.
    expect(now.opsPerReturn.addCounters).toBeGreaterThan(0);
    const counters = now.tableByKind.find((k) => k.kind === 'counters')!;
    expect(counters.write.pk).toMatch(/^SELLER#seller-hot#ANALYTICS#/);
    const gsi7 = now.targets.find((t) => t.target === GSI.bySweepTime.indexName)!;
    expect(gsi7.write.pk).toMatch(/^DEADLINES#/);
    expect(gsi7.read.pk).toMatch(/^DEADLINES#/);
    expect(now.targets.find((t) => t.target === GSI.byDeadline.indexName)!.write.wcu).toBeGreaterThan(0);
  });

  it("charges the events' dispatch: the feed, the deliveries and the outbox and delivery indexes", () => {
    expect(now.opsPerReturn.dispatch).toBeGreaterThan(0);
    const kinds = now.tableByKind.map((k) => k.kind);
    expect(kinds).toEqual(expect.arrayContaining(['event feed', 'webhook delivery', 'webhook endpoints']));
    const busiest = (index: { indexName: string }) => now.targets.find((t) => t.target === index.indexName)!;
    // Every seller's writes share these two: only the shard count keeps a shard under the limit.
    expect(busiest(GSI.pendingEvents).write.pk).toMatch(/^OUTBOX#\d+$/);
    expect(busiest(GSI.pendingEvents).write.wcu).toBeGreaterThan(LIMITS.wcuPerSecond / 4);
    expect(busiest(GSI.dueDeliveries).write.pk).toMatch(/^DUE#\d+$/);
    expect(busiest(GSI.dueDeliveries).write.wcu).toBeGreaterThan(LIMITS.wcuPerSecond / 4);
    expect(busiest(GSI.endpointDeliveries).write.pk).toMatch(/^WEBHOOK#ep_\w+#SHARD#\d+$/);
  });

  it('keeps a day of SKU counters at one item per SKU, each ADD 1 WCU, from its real keys and item sizes', async () => {
    const { skuCounters } = await keyHeatFigures();
    // The largest SKU item (64 characters, each URI-encoded to 3 bytes) is still under 1 KB.
    expect(skuCounters).toMatchObject({
      creates: 100,
      wcuPerAdd: 1,
      distinctSkusPerReturnAtPartitionLimit: 10,
    });
    expect(skuCounters!.largestItemBytes).toBeGreaterThan(3 * 64);
    expect(skuCounters!.largestItemBytes).toBeLessThan(1024);
    // The model's returns carry two SKUs: the day partition takes two 1-WCU ADDs per create of the big seller.
    const counters = now.tableByKind.find((k) => k.kind === 'counters')!;
    expect(counters.write).toEqual({ pk: 'SELLER#seller-hot#ANALYTICS#sku#2026-11-05', wcu: 200 });
  });

  it('gives the same figures on every run', async () => {
    expect(await keyHeatFigures()).toMatchObject({ before, now });
  });
});
