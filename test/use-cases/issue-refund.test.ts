import { describe, expect, it } from 'vitest';
import { PaymentDeclinedError } from '../../domain/errors.js';
import type { Refund } from '../../domain/refund.js';
import type { Return } from '../../domain/return.js';
import { RefundFailedError, ReturnEndedError } from '../../functions/pipeline/pipeline-contract.js';
import { issueRefund } from '../../functions/use-cases/issue-refund.js';
import { InMemoryMailer } from '../support/in-memory/mailer.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';
import { storeUsPolicy } from '../support/in-memory/pipeline-fixtures.js';

const { sellerId } = TEST_SELLER;
const PAYMENTS = { kind: 'system', id: 'payments' } as const;

/** A return whose refund the run goes on to pay, in the refund status ComputeRefund or a try left it. */
const toRefund = (refundStatus: Refund['status'] = 'SUBMITTED'): Return => {
  const ret = makeReturn({ sellerId, status: 'REFUND_IN_PROGRESS' });
  ret.refund!.status = refundStatus;
  return ret;
};

const TOKEN = 'refund-token';
const run = (world: InMemoryWorld, ret: Return) => issueRefund(world, sellerId, ret.id, TOKEN);

const refundMails = (world: InMemoryWorld, ret: Return) =>
  world.mailer.sent.filter((m) => m.to === ret.buyer.email && m.subject.startsWith('Your refund of'));

const entryTypes = (ret: Return, since: Return) =>
  ret.timeline.slice(since.timeline.length).map((e) => e.type);

describe('issueRefund', () => {
  it('pays the refund keyed by the return, records it, mails the buyer and applies the disposition', async () => {
    const ret = toRefund();
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    const stored = world.returns.latest(ret);
    const now = world.clock.now().toISOString();
    expect(world.payments.payments).toEqual([
      {
        idempotencyKey: ret.refund!.refundId,
        sellerId,
        returnId: ret.id,
        rma: ret.rma,
        orderId: ret.orderId,
        amount: { amount: 2807, currency: 'USD' },
        kind: 'REFUND',
        result: { providerRef: 'pay_1', status: 'COMPLETED' },
      },
    ]);
    // The step waits for its own callback: once paid, it resumes itself, and the run ends.
    expect(world.pipeline.resumed).toEqual([
      { taskToken: TOKEN, output: { refundId: ret.refund!.refundId } },
    ]);
    expect(stored).toMatchObject({
      status: 'COMPLETED',
      version: ret.version + 3,
      refund: { status: 'COMPLETED', providerRef: 'pay_1' },
      inventoryAdjustments: [{ sku: 'SKU-1', quantity: 1, disposition: 'RESTOCK', grade: 'AS_NEW', at: now }],
    });
    expect(stored.timeline.slice(-3)).toMatchObject([
      {
        type: 'ISSUE_REFUND',
        to: 'REFUND_IN_PROGRESS',
        actor: PAYMENTS,
        data: { status: 'IN_PROGRESS', paymentKey: ret.refund!.refundId },
      },
      {
        type: 'ISSUE_REFUND',
        to: 'REFUNDED',
        actor: PAYMENTS,
        data: { status: 'COMPLETED', providerRef: 'pay_1' },
      },
      { type: 'APPLY_DISPOSITION', from: 'REFUNDED', to: 'COMPLETED', actor: PAYMENTS },
    ]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({
        to: ret.buyer.email,
        subject: `Your refund of $28.07 for return ${ret.rma} has been issued`,
      }),
    ]);
  });

  describe('an INSPECTED return, straight from AwaitInspection', () => {
    const inspected = () => makeReturn({ sellerId, status: 'INSPECTED' });
    /** A world holding `ret`, whose US policy asks for approval above `threshold` (minor units). */
    const worldWith = async (ret: Return, threshold = 500_00) => {
      const world = inMemoryWorld([ret]);
      await storeUsPolicy(world, { highValueApprovalThreshold: { amount: threshold, currency: 'USD' } });
      return world;
    };

    it('records its refund with the breakdown, as ComputeRefund would, and pays it in the same step', async () => {
      const ret = inspected();
      const world = await worldWith(ret);

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(stored).toMatchObject({
        status: 'COMPLETED',
        refund: {
          refundId: `${ret.id}-refund`,
          status: 'COMPLETED',
          amount: { amount: 2807, currency: 'USD' },
        },
      });
      expect(stored.refund!.breakdown.map((line) => [line.kind, line.amount])).toEqual([
        ['ITEM', 2599],
        ['TAX', 208],
      ]);
      expect(entryTypes(stored, ret).slice(0, 2)).toEqual(['COMPUTE_REFUND', 'ISSUE_REFUND']);
      expect(world.payments.payments.map((p) => p.idempotencyKey)).toEqual([`${ret.id}-refund`]);
      expect(world.pipeline.sentOn).toEqual([]);
      expect(world.pipeline.resumed).toEqual([
        { taskToken: TOKEN, output: { refundId: `${ret.id}-refund` } },
      ]);
    });

    it("sends one whose refund needs the seller's approval to ComputeRefund, writing and paying nothing", async () => {
      const ret = inspected();
      const world = await worldWith(ret, 1_000);

      await run(world, ret);

      expect(world.returns.latest(ret)).toEqual(ret);
      expect(world.payments.payments).toEqual([]);
      expect(world.pipeline.sentOn).toEqual([{ taskToken: TOKEN, step: 'ComputeRefund' }]);
    });

    it('sends one resolved by a replacement to ComputeRefund, which requests it', async () => {
      const ret = makeReturn({ sellerId, status: 'INSPECTED', resolution: 'REPLACE' });
      const world = await worldWith(ret);

      await run(world, ret);

      expect(world.returns.latest(ret)).toEqual(ret);
      expect(world.pipeline.sentOn).toEqual([{ taskToken: TOKEN, step: 'ComputeRefund' }]);
    });
  });

  it('reads the return once: each later write decides on the one before it, which nothing moved on', async () => {
    const ret = toRefund();
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expect(world.returns.latest(ret)).toMatchObject({ status: 'COMPLETED', version: ret.version + 3 });
    expect(world.returns.reads).toBe(1);
    expect(world.returns.conflicts).toBe(0);
  });

  it('records a declined refund as FAILED and sends the return to NEEDS_ATTENTION, mailing the seller only', async () => {
    const ret = toRefund();
    const world = inMemoryWorld([ret]);
    world.payments.declining = true;

    await expect(run(world, ret)).rejects.toThrow(PaymentDeclinedError);

    const stored = world.returns.latest(ret);
    expect(stored).toMatchObject({
      status: 'NEEDS_ATTENTION',
      refund: { status: 'FAILED' },
      attention: {
        step: 'IssueRefund',
        error: 'declined: the card is closed',
        resumeStatus: 'REFUND_IN_PROGRESS',
      },
      inventoryAdjustments: [],
    });
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({
        to: TEST_SELLER.email,
        subject: `Refund failed: $28.07 for return ${ret.rma}`,
      }),
    ]);
  });

  it('pays a FAILED refund again under a new key derived from the return, on a retry', async () => {
    const ret = toRefund('FAILED');
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expect(world.payments.payments.map((p) => p.idempotencyKey)).toEqual([`${ret.refund!.refundId}-2`]);
    expect(world.returns.latest(ret)).toMatchObject({
      status: 'COMPLETED',
      refund: { attempt: 2, status: 'COMPLETED' },
    });
  });

  it('keeps the run waiting, its token on the return, while the provider settles the refund', async () => {
    const ret = toRefund();
    const world = inMemoryWorld([ret]);
    world.payments.answer = 'IN_PROGRESS';

    await run(world, ret);

    expect(world.returns.latest(ret)).toMatchObject({
      status: 'REFUND_IN_PROGRESS',
      refund: { status: 'IN_PROGRESS', providerRef: 'pay_1', method: 'STRIPE' },
      pipeline: { refundToken: TOKEN },
    });
    expect(world.pipeline.resumed).toEqual([]);
    expect(world.mailer.sent).toEqual([]);
  });

  it('waits in REFUND_PENDING_PAYOUT and asks the seller to pay by hand when no provider can pay it', async () => {
    const ret = toRefund();
    const world = inMemoryWorld([ret]);
    world.payments.answer = 'MANUAL';

    await run(world, ret);
    await run(world, ret); // a re-run (a restart) only waits again

    expect(world.returns.latest(ret)).toMatchObject({
      status: 'REFUND_PENDING_PAYOUT',
      refund: { status: 'IN_PROGRESS', method: 'MANUAL' },
      pipeline: { refundToken: TOKEN },
    });
    expect(world.pipeline.resumed).toEqual([]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({
        to: TEST_SELLER.email,
        subject: `Refund to pay by hand: $28.07 for return ${ret.rma}`,
      }),
    ]);
  });

  it('sends a refund the provider failed at once to NEEDS_ATTENTION, not retried', async () => {
    const ret = toRefund();
    const world = inMemoryWorld([ret]);
    world.payments.answer = 'FAILED';

    await expect(run(world, ret)).rejects.toThrow(RefundFailedError);

    expect(world.returns.latest(ret)).toMatchObject({
      status: 'NEEDS_ATTENTION',
      refund: { status: 'FAILED', providerRef: 'pay_1', failureReason: 'lost_or_stolen_card' },
    });
  });

  describe('when the step runs again', () => {
    it('changes, pays and mails nothing more once the return is COMPLETED', async () => {
      const ret = toRefund();
      const world = inMemoryWorld([ret]);
      await run(world, ret);
      const first = world.returns.latest(ret);

      await run(world, ret);

      expect(world.returns.latest(ret)).toEqual(first);
      expect(world.payments.payments).toHaveLength(1);
      await dispatchAll(world);
      expect(refundMails(world, ret)).toHaveLength(1);
    });

    it('never asks the provider again for a refund recorded as paid, and mails it once the mail service is back', async () => {
      const ret = toRefund();
      const world = { ...inMemoryWorld([ret]), mailer: new InMemoryMailer(1) };
      await run(world, ret);
      await dispatchAll(world);
      expect(refundMails(world, ret)).toHaveLength(0);
      // Were the refund sent to the provider again, it would now be declined.
      world.payments.declining = true;

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(stored).toMatchObject({
        status: 'COMPLETED',
        refund: { status: 'COMPLETED', providerRef: 'pay_1' },
      });
      expect(entryTypes(stored, ret)).toEqual(['ISSUE_REFUND', 'ISSUE_REFUND', 'APPLY_DISPOSITION']);
      await dispatchAll(world);
      await dispatchAll(world);
      expect(refundMails(world, ret)).toHaveLength(1);
    });

    it('answers with the payment a crashed try made, paying it once', async () => {
      const ret = toRefund('IN_PROGRESS');
      const world = inMemoryWorld([ret]);
      // The crashed try: the provider paid, but the step died before recording it.
      const { amount, refundId } = ret.refund!;
      const request = {
        sellerId,
        returnId: ret.id,
        rma: ret.rma,
        orderId: ret.orderId,
        amount,
        kind: 'REFUND' as const,
      };
      await world.payments.pay({ ...request, idempotencyKey: refundId });

      await run(world, ret);

      expect(world.payments.payments).toHaveLength(1);
      expect(world.returns.latest(ret)).toMatchObject({
        status: 'COMPLETED',
        refund: { providerRef: 'pay_1' },
      });
    });
  });

  it('ends quietly (ReturnEndedError) for a return closed before its refund, paying nothing', async () => {
    const ret = makeReturn({ sellerId, status: 'CLOSED' });
    const world = inMemoryWorld([ret]);

    await expect(run(world, ret)).rejects.toThrow(ReturnEndedError);
    expect(world.returns.latest(ret)).toEqual(ret);
    expect(world.payments.payments).toEqual([]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('takes a duplicate run that recorded the same payment first as done, recording it once', async () => {
      const ret = toRefund('IN_PROGRESS');
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(
        otherWriterApplying({ type: 'ISSUE_REFUND', status: 'COMPLETED', providerRef: 'pay_1' }, PAYMENTS),
      );

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(world.returns.conflicts).toBe(1);
      expect(stored).toMatchObject({ status: 'COMPLETED', version: ret.version + 2 });
      expect(entryTypes(stored, ret)).toEqual(['ISSUE_REFUND', 'APPLY_DISPOSITION']);
      expect(stored.inventoryAdjustments).toHaveLength(1);
      await dispatchAll(world);
      expect(refundMails(world, ret)).toHaveLength(1);
    });
  });
});
