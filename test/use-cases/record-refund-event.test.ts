import { describe, expect, it } from 'vitest';
import { dispatchAll } from '../support/in-memory/dispatch.js';
import { paymentKeyOf } from '../../domain/refund.js';
import type { Return } from '../../domain/return.js';
import { recordRefundEvent, type RefundEvent } from '../../functions/use-cases/record-refund-event.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

/** A refund Stripe is settling, the run waiting on it with its token. */
const settling = (): Return => {
  const ret = makeReturn({ sellerId, status: 'REFUND_IN_PROGRESS' });
  return {
    ...ret,
    refund: { ...ret.refund!, status: 'IN_PROGRESS', providerRef: 're_1', method: 'STRIPE' },
    pipeline: { refundToken: 'refund-token' },
  };
};

const eventOf = (ret: Return, status: RefundEvent['status'], eventId: string): RefundEvent => ({
  sellerId,
  returnId: ret.id,
  eventId,
  paymentKey: paymentKeyOf(ret.refund!),
  providerRef: 're_1',
  status,
  ...(status === 'FAILED' ? { failureReason: 'expired_or_canceled_card' } : {}),
});

const refundMails = (world: ReturnType<typeof inMemoryWorld>, ret: Return) =>
  world.mailer.sent.filter((m) => m.to === ret.buyer.email && m.subject.startsWith('Your refund of'));

describe('recordRefundEvent', () => {
  it('finishes a refund Stripe says succeeded: the buyer mailed, the disposition applied, the run resumed', async () => {
    const ret = settling();
    const world = inMemoryWorld([ret]);

    const result = await recordRefundEvent(world, eventOf(ret, 'COMPLETED', 'evt_1'));

    expect(result.outcome).toBe('accepted');
    expect(world.returns.latest(ret)).toMatchObject({ status: 'COMPLETED', refund: { status: 'COMPLETED' } });
    expect(world.pipeline.resumed).toEqual([
      { taskToken: 'refund-token', output: { refundId: ret.refund!.refundId } },
    ]);
    await dispatchAll(world);
    expect(refundMails(world, ret)).toHaveLength(1);
  });

  it('takes an event id once: a redelivery writes, mails and resumes nothing', async () => {
    const ret = settling();
    const world = inMemoryWorld([ret]);
    await recordRefundEvent(world, eventOf(ret, 'COMPLETED', 'evt_1'));
    const first = world.returns.latest(ret);

    const again = await recordRefundEvent(world, eventOf(ret, 'COMPLETED', 'evt_1'));

    expect(again.outcome).toBe('duplicate');
    expect(world.returns.latest(ret)).toEqual(first);
    expect(world.pipeline.resumed).toHaveLength(1);
    await dispatchAll(world);
    expect(refundMails(world, ret)).toHaveLength(1);
  });

  it('a failure after success reopens the COMPLETED return: NEEDS_ATTENTION, the seller mailed', async () => {
    const ret = settling();
    const world = inMemoryWorld([ret]);
    await recordRefundEvent(world, eventOf(ret, 'COMPLETED', 'evt_1'));

    const failed = await recordRefundEvent(world, eventOf(ret, 'FAILED', 'evt_2'));

    expect(failed.outcome).toBe('accepted');
    expect(world.returns.latest(ret)).toMatchObject({
      status: 'NEEDS_ATTENTION',
      refund: { status: 'FAILED', failureReason: 'expired_or_canceled_card' },
      attention: { step: 'IssueRefund', resumeStatus: 'REFUND_IN_PROGRESS' },
    });
    await dispatchAll(world);
    expect(world.mailer.sent.filter((m) => m.to === TEST_SELLER.email).map((m) => m.subject)).toEqual([
      `Refund failed: $28.07 for return ${ret.rma}`,
    ]);
  });

  it("finds no return of another seller's (the connection's seller scopes the lookup)", async () => {
    const ret = settling();
    const world = inMemoryWorld([ret]);

    const result = await recordRefundEvent(world, {
      ...eventOf(ret, 'COMPLETED', 'evt_1'),
      sellerId: 'someone-else',
    });

    expect(result.outcome).toBe('unknown');
    expect(world.returns.latest(ret)).toEqual(ret);
  });
});
