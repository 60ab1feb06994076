import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import { rejectRefund } from '../../functions/use-cases/reject-refund.js';
import { otherWriterApplying, runParks } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';

const { sellerId } = TEST_SELLER;
const reason = 'The item came back worn';

describe('rejectRefund', () => {
  it('closes the return, ends the waiting run and tells the buyer why', async () => {
    const ret = makeReturn({
      sellerId,
      status: 'REFUND_PENDING_APPROVAL',
      pipeline: { approvalToken: 'approval-token' },
    });
    const world = inMemoryWorld([ret]);

    const rejected = await rejectRefund(world, sellerId, ret.id, reason);

    expect(world.returns.latest(ret)).toEqual(rejected);
    expect(rejected).toMatchObject({
      status: 'CLOSED',
      closure: { reason: 'REFUND_REJECTED', comment: reason },
    });
    expect(rejected.timeline.at(-1)).toMatchObject({
      type: 'REJECT_REFUND',
      note: reason,
      actor: { kind: 'seller' },
    });
    expect(world.pipeline.abandoned).toEqual([
      { taskToken: 'approval-token', why: 'the refund was rejected' },
    ]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({ to: ret.buyer.email, text: expect.stringContaining(reason) }),
    ]);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('ends the run whose token the other writer stored', async () => {
      const ret = makeReturn({ sellerId, status: 'REFUND_PENDING_APPROVAL' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(runParks('COMPUTE_REFUND', 'approval-token'));

      const rejected = await rejectRefund(world, sellerId, ret.id, reason);

      expect(world.returns.conflicts).toBe(1);
      expect(rejected.timeline.slice(-2).map((e) => e.type)).toEqual(['COMPUTE_REFUND', 'REJECT_REFUND']);
      expect(world.pipeline.abandoned).toEqual([
        { taskToken: 'approval-token', why: 'the refund was rejected' },
      ]);
      await dispatchAll(world);
      expect(world.mailer.sent).toHaveLength(1);
    });

    it('refuses when the other writer approved it first, mailing no one', async () => {
      const ret = makeReturn({ sellerId, status: 'REFUND_PENDING_APPROVAL' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(otherWriterApplying({ type: 'APPROVE_REFUND' }, { kind: 'seller' }));

      await expect(rejectRefund(world, sellerId, ret.id, reason)).rejects.toThrow(IllegalTransitionError);
      expect(world.returns.latest(ret).status).toBe('REFUND_IN_PROGRESS');
      expect(world.pipeline.abandoned).toEqual([]);
      await dispatchAll(world);
      expect(world.mailer.sent).toEqual([]);
    });
  });
});
