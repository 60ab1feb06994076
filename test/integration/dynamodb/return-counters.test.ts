import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError } from '../../../domain/errors.js';
import { transition } from '../../../domain/lifecycle.js';
import type { Return } from '../../../domain/return.js';
import { DynamoReturnAnalytics } from '../../../functions/adapters/dynamodb/return-counters.js';
import { DynamoReturnRepository } from '../../../functions/adapters/dynamodb/return-repository.js';
import { makeReturn } from '../../support/return-factory.js';
import { dayCounterKey, listingShardOf } from '../../../functions/adapters/dynamodb/table-design.js';
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
