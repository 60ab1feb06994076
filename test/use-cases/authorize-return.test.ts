import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import type { Concession } from '../../domain/return.js';
import { authorizeReturn } from '../../functions/use-cases/authorize-return.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn, TEST_RETURN_ADDRESS } from '../support/return-factory.js';
import { firstRunAtLabel } from '../support/in-memory/pipeline.js';
import { runStart } from '../../functions/pipeline/pipeline-contract.js';

const { sellerId } = TEST_SELLER;
const concession: Concession = {
  concessionId: 'other',
  amount: { amount: 100, currency: 'USD' },
  reason: 'Sorry for the wait',
  status: 'SUBMITTED',
  at: '2026-11-10T11:00:00Z',
};

describe('authorizeReturn', () => {
  it('authorizes the request and starts its run, named after the return', async () => {
    const ret = makeReturn({ sellerId });
    const world = inMemoryWorld([ret]);

    const authorized = await authorizeReturn(
      world,
      sellerId,
      ret.id,
      { returnAddress: TEST_RETURN_ADDRESS },
      'req-1',
    );

    expect(world.returns.latest(ret)).toEqual(authorized);
    expect(authorized).toMatchObject({
      status: 'AUTHORIZED',
      returnless: false,
      returnAddress: TEST_RETURN_ADDRESS,
    });
    expect(authorized.timeline.at(-1)).toMatchObject({
      type: 'AUTHORIZE',
      actor: { kind: 'seller', id: sellerId },
    });
    expect(world.pipeline.runs).toEqual([firstRunAtLabel(ret, 1)]);
  });

  it('starts a returnless refund at the refund, with no label', async () => {
    const ret = makeReturn({ sellerId });
    const world = inMemoryWorld([ret]);

    await authorizeReturn(world, sellerId, ret.id, { returnless: true }, 'req-1');

    expect(world.returns.latest(ret)).toMatchObject({ status: 'AUTHORIZED', returnless: true });
    expect(world.pipeline.runs).toEqual([
      {
        name: ret.id,
        input: { sellerId, returnId: ret.id, correlationId: 'req-1', ...runStart('ComputeRefund') },
      },
    ]);
  });

  it('sends the return to NEEDS_ATTENTION when the pipeline cannot be reached', async () => {
    const ret = makeReturn({ sellerId });
    const world = inMemoryWorld([ret]);
    world.pipeline.down = true;

    const failed = await authorizeReturn(world, sellerId, ret.id, {}, 'req-1');

    expect(world.returns.latest(ret)).toEqual(failed);
    expect(failed).toMatchObject({
      status: 'NEEDS_ATTENTION',
      attention: { step: 'StartPipeline', resumeStatus: 'AUTHORIZED' },
    });
  });

  it('refuses a request that is not waiting for authorization, starting nothing', async () => {
    const ret = makeReturn({ sellerId, status: 'CLOSED' });
    const world = inMemoryWorld([ret]);

    await expect(authorizeReturn(world, sellerId, ret.id, {}, 'req-1')).rejects.toThrow(
      IllegalTransitionError,
    );
    expect(world.pipeline.runs).toEqual([]);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('authorizes it as without the race, keeping the other change', async () => {
      const ret = makeReturn({ sellerId });
      const calm = inMemoryWorld([ret]);
      const raced = inMemoryWorld([ret]);
      raced.returns.raceNextUpdate(otherWriterApplying({ type: 'ADD_CONCESSION', concession }));

      const expected = await authorizeReturn(calm, sellerId, ret.id, {}, 'req-1');
      const authorized = await authorizeReturn(raced, sellerId, ret.id, {}, 'req-1');

      expect(raced.returns.conflicts).toBe(1);
      expect(authorized.status).toBe(expected.status);
      expect(authorized.concessions).toEqual([concession]);
      expect(authorized.timeline.slice(-2).map((e) => e.type)).toEqual(['ADD_CONCESSION', 'AUTHORIZE']);
      expect(raced.pipeline.runs).toEqual(calm.pipeline.runs);
    });

    it('refuses when the buyer cancelled first, starting nothing', async () => {
      const ret = makeReturn({ sellerId });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(otherWriterApplying({ type: 'CANCEL' }, { kind: 'buyer' }));

      await expect(authorizeReturn(world, sellerId, ret.id, {}, 'req-1')).rejects.toThrow(
        IllegalTransitionError,
      );
      expect(world.returns.latest(ret).status).toBe('CANCELLED');
      expect(world.pipeline.runs).toEqual([]);
    });
  });
});
