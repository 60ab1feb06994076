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
    // A new return adds to four counter items, each status change to two: 4 + 2 x 8 moves, less none.
    expect(now.opsPerReturn.addCounters).toBeGreaterThan(0);
    const counters = now.tableByKind.find((k) => k.kind === 'counters')!;
    expect(counters.write.pk).toMatch(/^SELLER#seller-hot#ANALYTICS#/);
    const gsi7 = now.targets.find((t) => t.target === GSI.bySweepTime.indexName)!;
    expect(gsi7.write.pk).toMatch(/^DEADLINES#/);
    expect(gsi7.read.pk).toMatch(/^DEADLINES#/);
    expect(now.targets.find((t) => t.target === GSI.byDeadline.indexName)!.write.wcu).toBeGreaterThan(0);
  });

  it('works out when the day SKU counter item outgrows a partition, from its real key and item sizes', async () => {
    const { skuCounters } = await keyHeatFigures();
    // 100 creates/s of the big seller: 10 WCU, i.e. 10 KB, per write reach the limit; 17 bytes a SKU.
    expect(skuCounters).toMatchObject({ creates: 100, perSku: 17 });
    expect(skuCounters!.atPartitionLimit).toBeGreaterThan(550);
    expect(skuCounters!.atPartitionLimit).toBeLessThan((10 * 1024) / 17);
  });

  it('gives the same figures on every run', async () => {
    expect(await keyHeatFigures()).toMatchObject({ before, now });
  });
});
