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

  it('gives the same figures on every run', async () => {
    expect(await keyHeatFigures()).toEqual({ before, now });
  });
});
