import { describe, expect, it } from 'vitest';
import { refundIdOf } from '../../domain/refund-decision.js';
import type { Return } from '../../domain/return.js';
import { computeRefund } from '../../functions/use-cases/compute-refund.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { creditMeanwhile, storeUsPolicy } from '../support/in-memory/pipeline-fixtures.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';

const { sellerId } = TEST_SELLER;
const FULL = { amount: 2807, currency: 'USD' } as const;

/** A world holding `ret`, whose US policy asks for approval above `threshold` (minor units). */
const worldWith = async (ret: Return, threshold = 500_00) => {
  const world = inMemoryWorld([ret]);
  await storeUsPolicy(world, { highValueApprovalThreshold: { amount: threshold, currency: 'USD' } });
  return world;
};

const run = (world: InMemoryWorld, ret: Return, taskToken = 'refund-token') =>
  computeRefund(world, sellerId, ret.id, taskToken);

const inspected = () => makeReturn({ sellerId, status: 'INSPECTED' });
/** What the run is resumed with: the refund's id (by default the one computed for the return). */
const goesOn = (ret: Return, taskToken = 'refund-token', refundId = refundIdOf(ret)) => ({
  taskToken,
  output: { refundId, requiresApproval: false },
});
const approvalMails = (world: InMemoryWorld, ret: Return) =>
  world.mailer.sent.filter((m) => m.to === TEST_SELLER.email && m.subject.includes(`for return ${ret.rma}`));

describe('computeRefund', () => {
  it('records the refund with its breakdown and goes on at once below the approval threshold', async () => {
    const ret = inspected();
    const world = await worldWith(ret);

    await run(world, ret);

    const stored = world.returns.latest(ret);
    expect(stored).toMatchObject({ status: 'REFUND_IN_PROGRESS', version: ret.version + 1 });
    expect(stored.refund).toMatchObject({
      refundId: `${ret.id}-refund`,
      status: 'SUBMITTED',
      amount: FULL,
      requiresApproval: false,
      computedAt: world.clock.now().toISOString(),
    });
    expect(stored.refund!.breakdown.map((line) => [line.kind, line.amount])).toEqual([
      ['ITEM', 2599],
      ['TAX', 208],
    ]);
    expect(stored.pipeline?.approvalToken).toBeUndefined();
    expect(stored.timeline.at(-1)).toMatchObject({
      type: 'COMPUTE_REFUND',
      from: 'INSPECTED',
      to: 'REFUND_IN_PROGRESS',
    });
    expect(world.pipeline.resumed).toEqual([goesOn(ret)]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
  });

  it('parks the run for the seller above the threshold, its token on the return, and asks the seller once', async () => {
    const ret = inspected();
    const world = await worldWith(ret, 10_00);

    await run(world, ret);

    const stored = world.returns.latest(ret);
    expect(stored).toMatchObject({
      status: 'REFUND_PENDING_APPROVAL',
      refund: { amount: FULL, requiresApproval: true },
      pipeline: { approvalToken: 'refund-token' },
    });
    expect(world.pipeline.resumed).toEqual([]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({
        to: TEST_SELLER.email,
        subject: `Approval needed: refund of $28.07 for return ${ret.rma}`,
      }),
    ]);
  });

  it('refunds a returnless return in full, yielding no event of its own (its authorization told the buyer)', async () => {
    const ret = makeReturn({ sellerId, status: 'AUTHORIZED', returnless: true });
    const world = await worldWith(ret);

    await run(world, ret);

    expect(world.returns.latest(ret)).toMatchObject({
      status: 'REFUND_IN_PROGRESS',
      refund: { amount: FULL },
    });
    expect(world.pipeline.resumed).toEqual([goesOn(ret)]);
    expect(world.returns.latest(ret).outbox).toBeUndefined();
  });

  describe('when the step runs again', () => {
    it('answers with the refund it recorded, writing nothing more', async () => {
      const ret = inspected();
      const world = await worldWith(ret);
      await run(world, ret);
      const first = world.returns.latest(ret);

      await run(world, ret, 'resumed-token');

      expect(world.returns.latest(ret)).toEqual(first);
      expect(world.pipeline.resumed).toEqual([goesOn(ret), goesOn(ret, 'resumed-token')]);
    });

    it('waits again for the approval with the new token, keeping the refund, and asks the seller no second time', async () => {
      const ret = inspected();
      const world = await worldWith(ret, 10_00);
      await run(world, ret);
      await dispatchAll(world);
      const first = world.returns.latest(ret);

      await run(world, ret, 'resumed-token');
      await dispatchAll(world);

      const stored = world.returns.latest(ret);
      expect(stored.refund).toEqual(first.refund);
      expect(stored.pipeline).toEqual({ approvalToken: 'resumed-token' });
      expect(stored.timeline.at(-1)).toMatchObject({ type: 'COMPUTE_REFUND', to: 'REFUND_PENDING_APPROVAL' });
      await dispatchAll(world);
      expect(approvalMails(world, ret)).toHaveLength(1);
      expect(world.pipeline.resumed).toEqual([]);
    });
  });

  it('lets the run go quietly for a return whose refund was rejected', async () => {
    const ret = makeReturn({ sellerId, status: 'CLOSED' });
    const world = await worldWith(ret);

    await run(world, ret);

    expect(world.pipeline.abandoned).toEqual([{ taskToken: 'refund-token', why: 'the return is CLOSED' }]);
    expect(world.returns.latest(ret)).toEqual(ret);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('decides the refund on the latest return: a credit given meanwhile is held back', async () => {
      const ret = inspected();
      const world = await worldWith(ret);
      world.returns.raceNextUpdate(creditMeanwhile('cn-1', 100));

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(world.returns.conflicts).toBe(1);
      expect(stored.refund!.amount).toEqual({ amount: 2707, currency: 'USD' });
      expect(stored.timeline.slice(-2).map((e) => e.type)).toEqual(['ADD_CONCESSION', 'COMPUTE_REFUND']);
    });

    it('goes on at once when the seller approved before the retried step stored its token', async () => {
      const ret = makeReturn({ sellerId, status: 'REFUND_PENDING_APPROVAL' });
      const world = await worldWith(ret, 10_00);
      world.returns.raceNextUpdate(
        otherWriterApplying({ type: 'APPROVE_REFUND' }, { kind: 'seller', id: sellerId }),
      );

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(stored).toMatchObject({ status: 'REFUND_IN_PROGRESS', version: ret.version + 1 });
      expect(stored.pipeline?.approvalToken).toBeUndefined();
      expect(world.pipeline.resumed).toEqual([goesOn(ret, 'refund-token', ret.refund!.refundId)]);
      await dispatchAll(world);
      expect(approvalMails(world, ret)).toEqual([]);
    });

    it('lets the run go when the seller rejected the refund meanwhile', async () => {
      const ret = makeReturn({ sellerId, status: 'REFUND_PENDING_APPROVAL' });
      const world = await worldWith(ret, 10_00);
      world.returns.raceNextUpdate(
        otherWriterApplying(
          { type: 'REJECT_REFUND', reason: 'Item was worn' },
          { kind: 'seller', id: sellerId },
        ),
      );

      await run(world, ret);

      expect(world.returns.latest(ret)).toMatchObject({
        status: 'CLOSED',
        closure: { reason: 'REFUND_REJECTED' },
      });
      expect(world.pipeline.abandoned).toEqual([{ taskToken: 'refund-token', why: 'the return is CLOSED' }]);
      expect(world.pipeline.resumed).toEqual([]);
      await dispatchAll(world);
      // The rejection's own mail, nothing from this step.
      expect(world.mailer.sent.map((m) => m.subject)).toEqual([expect.stringMatching(/refund/i)]);
    });
  });
});
