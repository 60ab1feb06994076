import { describe, expect, it } from 'vitest';
import { dispatchAll } from '../support/in-memory/dispatch.js';
import { IllegalTransitionError } from '../../domain/errors.js';
import type { Return } from '../../domain/return.js';
import { markRefundPaid } from '../../functions/use-cases/mark-refund-paid.js';
import { checkRefundWait } from '../../functions/use-cases/check-refund-wait.js';
import { RefundOverdueError } from '../../functions/pipeline/pipeline-contract.js';
import { transition } from '../../domain/lifecycle.js';
import { FixedClock } from '../support/in-memory/clock.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;
const PAYOUT = { reference: 'AMZ-REFUND-1', paidAt: '2026-11-20T09:00:00Z' };

/** A refund waiting for the seller to pay it by hand since `since`, the run waiting with its token. */
const awaitingPayout = (since = new Date('2026-11-19T10:00:00Z')): Return =>
  transition(
    makeReturn({ sellerId, status: 'REFUND_IN_PROGRESS' }),
    { type: 'AWAIT_PAYOUT', taskToken: 'refund-token' },
    { now: since, actor: { kind: 'system' } },
  );

describe('markRefundPaid', () => {
  it('records the payout, mails the buyer once, completes the return and resumes the run; twice is once', async () => {
    const ret = awaitingPayout();
    const world = inMemoryWorld([ret]);

    const first = await markRefundPaid(world, sellerId, ret.id, PAYOUT);
    const second = await markRefundPaid(world, sellerId, ret.id, PAYOUT);

    expect(first).toMatchObject({ status: 'COMPLETED', refund: { status: 'COMPLETED', payout: PAYOUT } });
    expect(second).toEqual(first);
    expect(first.timeline.filter((e) => e.type === 'MARK_PAID')).toHaveLength(1);
    await dispatchAll(world);
    expect(world.mailer.sent.filter((m) => m.to === ret.buyer.email)).toHaveLength(1);
    // The waiting run is resumed; the second call's resume of the used token is one Step Functions ignores.
    expect(new Set(world.pipeline.resumed.map((r) => r.taskToken))).toEqual(new Set(['refund-token']));
  });

  it('refuses another payout for a refund marked paid, and one for a refund that does not wait for one', async () => {
    const ret = awaitingPayout();
    const world = inMemoryWorld([ret, makeReturn({ sellerId, status: 'REFUND_IN_PROGRESS' })]);
    await markRefundPaid(world, sellerId, ret.id, PAYOUT);

    await expect(markRefundPaid(world, sellerId, ret.id, { ...PAYOUT, reference: 'OTHER' })).rejects.toThrow(
      IllegalTransitionError,
    );
  });
});

describe('checkRefundWait', () => {
  it('reminds the seller once after 2 business days, and gives up past the limit', async () => {
    const ret = awaitingPayout(new Date('2026-11-19T10:00:00Z')); // a Thursday
    const world = { ...inMemoryWorld([ret]), clock: new FixedClock(new Date('2026-11-23T11:00:00Z')) };

    await checkRefundWait(world, sellerId, ret.id);
    await checkRefundWait(world, sellerId, ret.id);

    expect(world.returns.latest(ret).timeline.filter((e) => e.type === 'REFUND_REMINDER')).toHaveLength(1);
    await dispatchAll(world);
    await dispatchAll(world);
    expect(world.mailer.sent.map((m) => m.subject)).toEqual([
      `Reminder: the refund of $28.07 for return ${ret.rma} is not paid yet`,
    ]);
    const late = { ...world, clock: new FixedClock(new Date('2026-11-27T11:00:00Z')) };
    await expect(checkRefundWait(late, sellerId, ret.id)).rejects.toThrow(RefundOverdueError);
  });
});
