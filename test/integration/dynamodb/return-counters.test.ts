import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError } from '../../../domain/errors.js';
import { transition } from '../../../domain/lifecycle.js';
import type { Return } from '../../../domain/return.js';
import { DynamoReturnAnalytics } from '../../../functions/adapters/dynamodb/return-counters.js';
import { DynamoReturnRepository } from '../../../functions/adapters/dynamodb/return-repository.js';
import { makeReturn } from '../../support/return-factory.js';
import {
  dayCounterKey,
  listingShardOf,
  skuCounterKey,
} from '../../../functions/adapters/dynamodb/table-design.js';
import { queryAll } from '../../../functions/adapters/dynamodb/query-all.js';
import { itemSize } from '../../../bench/key-heat/item-size.js';
import { rawItem, tableOptions, uniqueSellerId } from '../support/table.js';

const repo = new DynamoReturnRepository(tableOptions());
const analytics = new DynamoReturnAnalytics(tableOptions());
const usd = (amount: number) => ({ amount, currency: 'USD' as const });

const opened = (sellerId: string, day: string, reason: Return['reason'], sku: string, quantity: number) =>
  makeReturn({
    sellerId,
    createdAt: `${day}T12:00:00.000Z`,
    reason,
    items: [{ sku, category: 'electronics', quantity, unitPrice: usd(1000) }],
  });

const authorize = (ret: Return) =>
  transition(
    ret,
    { type: 'AUTHORIZE', returnless: false },
    { now: new Date('2026-11-25T09:00:00Z'), actor: { kind: 'seller' } },
  );

describe('the return counters, kept by the repository and read by DynamoReturnAnalytics', () => {
  it("spreads a day's status counters over eight shards by the return id, so one seller's busy day runs no key hot", async () => {
    const sellerId = uniqueSellerId();
    const returns = Array.from({ length: 24 }, () => opened(sellerId, '2026-11-22', 'DEFECTIVE', 'SKU-S', 1));
    for (const ret of returns) await repo.create(ret);
    const key = (shard?: number) =>
      dayCounterKey(sellerId, 'status', '2026-11-22', shard) as { pk: string; sk: string };
    expect(await rawItem(key())).toBeUndefined();
    const shards = new Set(returns.map((r) => listingShardOf(r.id)));
    expect(shards.size).toBeGreaterThan(1);
    for (const shard of shards) {
      const counted = returns.filter((r) => listingShardOf(r.id) === shard).length;
      expect((await rawItem(key(shard)))?.['c:AUTHORIZATION_REQUIRED']).toBe(counted);
    }
    const report = await analytics.report(sellerId, {
      from: '2026-11-22',
      to: '2026-11-22',
      groupBy: 'status',
    });
    expect(report.groups).toEqual([{ key: 'AUTHORIZATION_REQUIRED', count: 24 }]);
  });

  it(
    'counts a day of more distinct SKUs than one item could hold, one item per SKU, and reports them all',
    { timeout: 180_000 },
    async () => {
      const sellerId = uniqueSellerId();
      const day = '2026-11-22';
      // 70 returns of 100 lines: a SKU they all share, and 99 of their own, 64 characters with the
      // `/`, `#` and `:` a SKU may hold. One item of 6,931 such counters would pass 400 KB.
      const own = (r: number, l: number) => `A/B#C:${String(r * 100 + l).padStart(6, '0')}`.padEnd(64, 'x');
      const shared = 'SHARED/SKU#1';
      const returns = Array.from({ length: 70 }, (_, r) =>
        makeReturn({
          sellerId,
          createdAt: `${day}T12:00:00.000Z`,
          reason: 'DEFECTIVE',
          items: [
            { sku: shared, category: 'electronics', quantity: 1, unitPrice: usd(1000) },
            ...Array.from({ length: 99 }, (_, l) => ({
              sku: own(r, l),
              category: 'electronics',
              quantity: (l % 3) + 1,
              unitPrice: usd(1000),
            })),
          ],
        }),
      );
      for (let at = 0; at < returns.length; at += 10) {
        await Promise.all(returns.slice(at, at + 10).map((ret) => repo.create(ret)));
      }

      // Each SKU's ADDs landed on its own item, which holds its units and nothing else.
      expect(await rawItem(skuCounterKey(sellerId, day, shared) as { pk: string; sk: string })).toEqual({
        ...skuCounterKey(sellerId, day, shared),
        entity: 'COUNTERS',
        'c:units': 70,
      });
      const dayItems = await queryAll(tableOptions().client, {
        TableName: tableOptions().tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': dayCounterKey(sellerId, 'sku', day).pk },
      });
      expect(dayItems).toHaveLength(1 + 70 * 99);
      expect(Math.max(...dayItems.map((item) => itemSize(item)))).toBeLessThan(1024);
      expect(dayItems.reduce((sum, item) => sum + itemSize(item), 0)).toBeGreaterThan(1024 * 1024);
      expect(await rawItem(skuCounterKey(sellerId, day, own(69, 98)) as { pk: string; sk: string })).toEqual({
        ...skuCounterKey(sellerId, day, own(69, 98)),
        entity: 'COUNTERS',
        'c:units': 3,
      });

      // The report reads the day's partition page after page (it is over 1 MB) and misses none.
      const report = await analytics.report(sellerId, { from: day, to: day, groupBy: 'sku' });
      expect(report.groups).toHaveLength(1 + 70 * 99);
      expect(report.groups[0]).toEqual({ key: shared, count: 70 });
      const counted = new Map(report.groups.map((g) => [g.key, g.count]));
      for (const ret of returns) {
        for (const line of ret.items.slice(1)) expect(counted.get(line.sku), line.sku).toBe(line.quantity);
      }
      expect(report.groups.slice(1, 3).map((g) => g.count)).toEqual([3, 3]);
    },
  );

  it('counts what was written, by reason, by SKU and by status, within the range only', async () => {
    const sellerId = uniqueSellerId();
    const first = opened(sellerId, '2026-11-20', 'DEFECTIVE', 'SKU-A', 2);
    const second = opened(sellerId, '2026-11-21', 'DEFECTIVE', 'SKU-B', 1);
    const third = opened(sellerId, '2026-11-21', 'CHANGED_MIND', 'SKU-A', 1);
    const before = opened(sellerId, '2026-10-01', 'WRONG_ITEM', 'SKU-C', 5);
    for (const ret of [first, second, third, before]) await repo.create(ret);
    await repo.update(authorize(second));

    const range = { from: '2026-11-01', to: '2026-11-30' };
    const byReason = await analytics.report(sellerId, { ...range, groupBy: 'reason' });
    expect(byReason.groups).toEqual([
      { key: 'DEFECTIVE', count: 2 },
      { key: 'CHANGED_MIND', count: 1 },
    ]);
    expect((await analytics.report(sellerId, { ...range, groupBy: 'sku' })).groups).toEqual([
      { key: 'SKU-A', count: 3 },
      { key: 'SKU-B', count: 1 },
    ]);
    expect((await analytics.report(sellerId, { ...range, groupBy: 'status' })).groups).toEqual([
      { key: 'AUTHORIZATION_REQUIRED', count: 2 },
      { key: 'AUTHORIZED', count: 1 },
    ]);
    // Now, whatever the range: all four, the one authorized moved.
    const now = Object.fromEntries(
      byReason.statusNow.filter((s) => s.count !== 0).map((s) => [s.key, s.count]),
    );
    expect(now).toEqual({ AUTHORIZATION_REQUIRED: 3, AUTHORIZED: 1 });
    expect(byReason).toMatchObject({ refunds: [], concessions: [] });
  });

  it('counts nothing for a write that lost its race', async () => {
    const sellerId = uniqueSellerId();
    const ret = opened(sellerId, '2026-11-20', 'DEFECTIVE', 'SKU-A', 1);
    await repo.create(ret);
    await repo.update(authorize(ret));
    await expect(repo.update(authorize(ret))).rejects.toBeInstanceOf(ConcurrencyConflictError);

    const report = await analytics.report(sellerId, {
      from: '2026-11-20',
      to: '2026-11-20',
      groupBy: 'status',
    });
    expect(report.groups).toEqual([{ key: 'AUTHORIZED', count: 1 }]);
  });

  it("keeps each seller's counters apart", async () => {
    const [mine, theirs] = [uniqueSellerId(), uniqueSellerId()];
    await repo.create(opened(theirs, '2026-11-20', 'DEFECTIVE', 'SKU-A', 1));
    const report = await analytics.report(mine, { from: '2026-11-20', to: '2026-11-20', groupBy: 'reason' });
    expect(report.groups).toEqual([]);
    expect(report.statusNow.every((s) => s.count === 0)).toBe(true);
  });
});
