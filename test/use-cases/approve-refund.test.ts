import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import { approveRefund } from '../../functions/use-cases/approve-refund.js';
import { otherWriterApplying, runParks } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;
const pending = (pipeline?: { approvalToken: string }) =>
  makeReturn({ sellerId, status: 'REFUND_PENDING_APPROVAL', ...(pipeline ? { pipeline } : {}) });

describe('approveRefund', () => {
  it('approves the refund and resumes the run waiting for the approval', async () => {
    const ret = pending({ approvalToken: 'approval-token' });
    const world = inMemoryWorld([ret]);

    const approved = await approveRefund(world, sellerId, ret.id);

    expect(world.returns.latest(ret)).toEqual(approved);
    expect(approved).toMatchObject({ status: 'REFUND_IN_PROGRESS', version: ret.version + 1 });
    expect(approved.timeline.at(-1)).toMatchObject({
      type: 'APPROVE_REFUND',
      from: 'REFUND_PENDING_APPROVAL',
      actor: { kind: 'seller', id: sellerId },
    });
    expect(world.pipeline.resumed).toEqual([{ taskToken: 'approval-token', output: { approved: true } }]);
  });

  it('approves a refund whose run has not parked yet, resuming nothing: the run finds it approved', async () => {
    const ret = pending();
    const world = inMemoryWorld([ret]);

    await approveRefund(world, sellerId, ret.id);

    expect(world.returns.latest(ret).status).toBe('REFUND_IN_PROGRESS');
    expect(world.pipeline.resumed).toEqual([]);
  });

  it('refuses a second approval', async () => {
    const ret = pending({ approvalToken: 'approval-token' });
    const world = inMemoryWorld([ret]);
    await approveRefund(world, sellerId, ret.id);

    await expect(approveRefund(world, sellerId, ret.id)).rejects.toThrow(IllegalTransitionError);
    expect(world.pipeline.resumed).toHaveLength(1);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('resumes the run whose token the other writer stored', async () => {
      const ret = pending();
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(runParks('COMPUTE_REFUND', 'approval-token'));

      const approved = await approveRefund(world, sellerId, ret.id);

      expect(world.returns.conflicts).toBe(1);
      expect(approved.timeline.slice(-2).map((e) => e.type)).toEqual(['COMPUTE_REFUND', 'APPROVE_REFUND']);
      expect(world.pipeline.resumed).toEqual([{ taskToken: 'approval-token', output: { approved: true } }]);
    });

    it('refuses when the other writer rejected it first, resuming nothing', async () => {
      const ret = pending({ approvalToken: 'approval-token' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(otherWriterApplying({ type: 'REJECT_REFUND', reason: 'Item was worn' }));

      await expect(approveRefund(world, sellerId, ret.id)).rejects.toThrow(IllegalTransitionError);
      expect(world.returns.latest(ret).status).toBe('CLOSED');
      expect(world.pipeline.resumed).toEqual([]);
    });
  });
});
