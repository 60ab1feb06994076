import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError, ValidationError } from '../../domain/errors.js';
import { defaultPolicy } from '../../domain/policy.js';
import { setPolicy } from '../../functions/use-cases/set-policy.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { TEST_RETURN_ADDRESS } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;
const policy = defaultPolicy('US', TEST_RETURN_ADDRESS);
const deps = () => ({ ...inMemoryWorld(), region: { US: { minimumWindowDays: 14 } } });

describe('setPolicy', () => {
  it("writes the seller's policy, then replaces it with the next version", async () => {
    const world = deps();

    const first = await setPolicy(world, sellerId, policy);
    const second = await setPolicy(world, sellerId, { ...policy, autoAuthorize: false });

    expect(first).toMatchObject({ sellerId, version: 1, updatedAt: world.clock.now().toISOString() });
    expect(second).toMatchObject({ autoAuthorize: false, version: 2 });
    expect(await world.policies.get(sellerId, 'US')).toEqual(second);
  });

  it("refuses a window under the law's minimum and a marketplace the region does not serve", async () => {
    const world = deps();

    await expect(
      setPolicy(world, sellerId, { ...policy, returnWindowDays: { default: 30, toys: 7 } }),
    ).rejects.toMatchObject({ issues: [{ field: 'returnWindowDays/toys' }] });
    await expect(setPolicy(world, sellerId, defaultPolicy('UK', TEST_RETURN_ADDRESS))).rejects.toThrow(
      ValidationError,
    );
    expect(await world.policies.list(sellerId)).toEqual([]);
  });

  it('never writes over an edit that landed after its read: the later writer is refused, the edit stands', async () => {
    const world = deps();
    await setPolicy(world, sellerId, policy);
    const theirs = { ...policy, shipByDays: 21, sellerId, version: 2, updatedAt: '2026-11-10T11:00:00Z' };
    world.policies.raceNextPut(() => theirs);

    await expect(setPolicy(world, sellerId, { ...policy, shipByDays: 7 })).rejects.toThrow(
      ConcurrencyConflictError,
    );
    expect(await world.policies.get(sellerId, 'US')).toEqual(theirs);
  });
});
