import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import { cancelReturn } from '../../functions/use-cases/cancel-return.js';
import { runParks, carrierReportsInTransit } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';

const { sellerId } = TEST_SELLER;
const body = { comment: 'Found a better price' };

describe('cancelReturn', () => {
  it("records the buyer's cancellation, lets the waiting run go and e-mails the seller", async () => {
    const ret = makeReturn({ sellerId, status: 'LABEL_ISSUED', pipeline: { taskToken: 'carrier-token' } });
    const world = inMemoryWorld([ret]);

    const cancelled = await cancelReturn(world, sellerId, ret.id, body);

    expect(world.returns.latest(ret)).toEqual(cancelled);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellation: body });
    expect(cancelled.timeline.at(-1)).toMatchObject({
      type: 'CANCEL',
      to: 'CANCELLED',
      actor: { kind: 'buyer' },
      note: body.comment,
    });
    expect(world.pipeline.abandoned).toEqual([
      { taskToken: 'carrier-token', why: 'the return was cancelled' },
    ]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({
        to: TEST_SELLER.email,
        subject: `Return ${ret.rma} was cancelled by the buyer`,
        text: expect.stringContaining(body.comment),
      }),
    ]);
  });

  it('refuses once the parcel is on its way', async () => {
    const ret = makeReturn({ sellerId, status: 'IN_TRANSIT' });
    const world = inMemoryWorld([ret]);

    await expect(cancelReturn(world, sellerId, ret.id, body)).rejects.toThrow(IllegalTransitionError);
    expect(world.returns.latest(ret)).toEqual(ret);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('cancels it all the same, keeping the change, and releases the run whose token it stored', async () => {
      const ret = makeReturn({ sellerId, status: 'LABEL_ISSUED' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(runParks('ISSUE_LABEL', 'carrier-token'));

      const cancelled = await cancelReturn(world, sellerId, ret.id, body);

      expect(world.returns.conflicts).toBe(1);
      expect(cancelled.timeline.slice(-2).map((e) => e.type)).toEqual(['ISSUE_LABEL', 'CANCEL']);
      expect(world.pipeline.abandoned).toEqual([
        { taskToken: 'carrier-token', why: 'the return was cancelled' },
      ]);
      await dispatchAll(world);
      expect(world.mailer.sent).toHaveLength(1);
    });

    it('refuses when the other writer saw the parcel go', async () => {
      const ret = makeReturn({ sellerId, status: 'LABEL_ISSUED' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(carrierReportsInTransit);

      await expect(cancelReturn(world, sellerId, ret.id, body)).rejects.toThrow(IllegalTransitionError);
      expect(world.returns.latest(ret).status).toBe('IN_TRANSIT');
      await dispatchAll(world);
      expect(world.mailer.sent).toEqual([]);
    });
  });
});
