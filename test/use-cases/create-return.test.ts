import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { defaultPolicy } from '../../domain/policy.js';
import { CreateReturnSchema } from '../../domain/return-request.js';
import { createReturn } from '../../functions/use-cases/create-return.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { TEST_RETURN_ADDRESS } from '../support/return-factory.js';
import { createBody } from '../support/requests.js';
import { firstRunAtLabel } from '../support/in-memory/pipeline.js';

const { sellerId } = TEST_SELLER;
const region = { US: { minimumWindowDays: 0 } };

/** A request for an order delivered five days before the world's clock. */
const request = (overrides: Record<string, unknown> = {}) =>
  CreateReturnSchema.parse(createBody({ deliveredAt: '2026-11-05T10:00:00Z', ...overrides }));

/** A world whose seller has the default US policy, authorizing by itself or not. */
const worldWithPolicy = async (autoAuthorize: boolean) => {
  const world = inMemoryWorld();
  const policy = { ...defaultPolicy('US', TEST_RETURN_ADDRESS), autoAuthorize };
  await world.policies.put(sellerId, policy, 0, '2026-01-01T00:00:00Z');
  return { ...world, region };
};

describe('createReturn', () => {
  it('opens the request, authorizes it when the policy says so, and starts its run', async () => {
    const world = await worldWithPolicy(true);

    const ret = await createReturn(world, sellerId, request(), 'req-1');

    expect(world.returns.latest(ret)).toEqual(ret);
    expect(ret).toMatchObject({
      sellerId,
      status: 'AUTHORIZED',
      rma: expect.stringMatching(/^RMA-\w{5}-\w{5}$/),
      decision: { outcome: 'AUTHORIZE', withinPolicy: true },
      createdAt: world.clock.now().toISOString(),
    });
    expect(world.pipeline.runs).toEqual([firstRunAtLabel(ret, 14)]);
  });

  it('leaves the request for the seller when the policy does not authorize by itself', async () => {
    const world = await worldWithPolicy(false);

    const ret = await createReturn(world, sellerId, request(), 'req-1');

    expect(world.returns.latest(ret).status).toBe('AUTHORIZATION_REQUIRED');
    expect(world.pipeline.runs).toEqual([]);
  });

  it('refuses a marketplace without a policy, another region, and a delivery after the clock, storing nothing', async () => {
    const world = await worldWithPolicy(true);
    const noPolicy = { ...inMemoryWorld(), region };
    const otherRegion = { ...world, region: { CA: { minimumWindowDays: 0 } } };

    await expect(createReturn(noPolicy, sellerId, request(), 'r')).rejects.toMatchObject({
      issues: [{ field: 'marketplace', rule: expect.stringContaining('PUT /v1/policy') }],
    });
    await expect(createReturn(otherRegion, sellerId, request(), 'r')).rejects.toMatchObject({
      issues: [{ field: 'marketplace', rule: expect.stringContaining('this region serves (CA)') }],
    });
    await expect(
      createReturn(world, sellerId, request({ deliveredAt: '2026-11-11T00:00:00Z' }), 'r'),
    ).rejects.toThrow(ValidationError);
    for (const w of [world, noPolicy])
      expect((await w.returns.list(sellerId, { limit: 10 })).items).toEqual([]);
  });
});
