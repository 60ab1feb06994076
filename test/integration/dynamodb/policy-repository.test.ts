import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError } from '../../../domain/errors.js';
import { defaultPolicy, type Policy } from '../../../domain/policy.js';
import { DynamoPolicyRepository } from '../../../functions/adapters/dynamodb/policy-repository.js';
import { policyKey } from '../../../functions/adapters/dynamodb/table-design.js';
import { TEST_RETURN_ADDRESS } from '../../support/return-factory.js';
import { rawItem, tableOptions, uniqueSellerId } from '../support/table.js';

const repo = new DynamoPolicyRepository(tableOptions());

const usPolicy: Policy = defaultPolicy('US', TEST_RETURN_ADDRESS);
const NOW = '2026-11-05T12:00:00.000Z';
const LATER = '2026-11-06T12:00:00.000Z';

describe('DynamoPolicyRepository', () => {
  it('creates a policy at version 1 and reads it back', async () => {
    const sellerId = uniqueSellerId();

    const stored = await repo.put(sellerId, usPolicy, 0, NOW);

    expect(stored).toEqual({ ...usPolicy, sellerId, version: 1, updatedAt: NOW });
    expect(await repo.get(sellerId, 'US')).toEqual(stored);
  });

  it('answers undefined for a marketplace without a policy and for another seller', async () => {
    const sellerId = uniqueSellerId();
    await repo.put(sellerId, usPolicy, 0, NOW);

    expect(await repo.get(sellerId, 'DE')).toBeUndefined();
    expect(await repo.get(uniqueSellerId(), 'US')).toBeUndefined();
  });

  it('refuses to create a policy that exists already (expected version 0)', async () => {
    const sellerId = uniqueSellerId();
    const first = await repo.put(sellerId, usPolicy, 0, NOW);

    await expect(repo.put(sellerId, { ...usPolicy, autoAuthorize: false }, 0, LATER)).rejects.toBeInstanceOf(
      ConcurrencyConflictError,
    );
    expect(await repo.get(sellerId, 'US')).toEqual(first);
  });

  it('replaces a policy at the version it was read at, and refuses a stale version', async () => {
    const sellerId = uniqueSellerId();
    await repo.put(sellerId, usPolicy, 0, NOW);

    const second = await repo.put(sellerId, { ...usPolicy, autoAuthorize: false }, 1, LATER);
    expect(second).toMatchObject({ autoAuthorize: false, version: 2, updatedAt: LATER });
    const before = await rawItem(policyKey(sellerId, 'US'));

    await expect(repo.put(sellerId, { ...usPolicy, shipByDays: 3 }, 1, LATER)).rejects.toBeInstanceOf(
      ConcurrencyConflictError,
    );
    await expect(repo.put(sellerId, { ...usPolicy, shipByDays: 3 }, 5, LATER)).rejects.toBeInstanceOf(
      ConcurrencyConflictError,
    );
    expect(await rawItem(policyKey(sellerId, 'US'))).toEqual(before);
    expect(await repo.get(sellerId, 'US')).toEqual(second);
  });

  it('refuses to update a policy that does not exist', async () => {
    const sellerId = uniqueSellerId();

    await expect(repo.put(sellerId, usPolicy, 1, NOW)).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(await repo.get(sellerId, 'US')).toBeUndefined();
  });

  it('lets exactly one of two racing writers from the same version win', async () => {
    const sellerId = uniqueSellerId();
    await repo.put(sellerId, usPolicy, 0, NOW);

    const results = await Promise.allSettled([
      repo.put(sellerId, { ...usPolicy, shipByDays: 7 }, 1, LATER),
      repo.put(sellerId, { ...usPolicy, shipByDays: 21 }, 1, LATER),
    ]);

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(await repo.get(sellerId, 'US')).toEqual(won[0]?.value);
  });

  it('lists a seller’s policies, one per marketplace, and no other seller’s', async () => {
    const sellerId = uniqueSellerId();
    const de = defaultPolicy('DE', { ...TEST_RETURN_ADDRESS, country: 'DE' });
    await repo.put(sellerId, usPolicy, 0, NOW);
    await repo.put(sellerId, de, 0, NOW);
    await repo.put(uniqueSellerId(), usPolicy, 0, NOW);

    const policies = await repo.list(sellerId);

    expect(policies.map((p) => p.marketplace).sort()).toEqual(['DE', 'US']);
    expect(policies.every((p) => p.sellerId === sellerId && p.version === 1)).toBe(true);
    expect(await repo.list(uniqueSellerId())).toEqual([]);
  });

  it('stores only the policy’s own fields (unknown fields are refused before any write)', async () => {
    const sellerId = uniqueSellerId();
    const withExtra = { ...usPolicy, surprise: true } as Policy;

    await expect(repo.put(sellerId, withExtra, 0, NOW)).rejects.toThrow();
    expect(await repo.get(sellerId, 'US')).toBeUndefined();
  });
});
