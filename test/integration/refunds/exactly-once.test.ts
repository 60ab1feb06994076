import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StripePayments } from '../../../functions/adapters/stripe/stripe-payments.js';
import { stripeClient } from '../../../functions/adapters/stripe/stripe-client.js';
import { connections } from '../../../functions/shared/dependencies/connections.js';
import { PIPELINE_TASKS } from '../../../functions/pipeline/pipeline-contract.js';
import { applyCommand } from '../../../functions/use-cases/apply-command.js';
import { refundIdOf } from '../../../domain/refund-decision.js';
import type { InspectionMessage } from '../../../domain/inspection.js';
import type { Return } from '../../../domain/return.js';
import { invoke } from '../support/api.js';
import { reread, returns, runTask, storedReturn } from '../support/pipeline.js';
import { uniqueId } from '../support/table.js';
import {
  SUBJECTS,
  buyerMails,
  entriesOf,
  failureOf,
  line,
  newBuyer,
  ownInspectionQueue,
  paidByStripe,
  paymentsOf,
  recordedCallbacks,
  refundCompletedEntries,
  refundSeller,
  runStep,
  setPaymentMode,
  stopStripe,
} from '../support/refunds.js';

/**
 * The refund is paid exactly once through Stripe (its API stand-in, through the real SDK) whatever the
 * pipeline and the outside world do twice: duplicate inspection messages, retried tasks, an answer lost
 * after Stripe made the refund (a timeout, a 500), an outage on every retry and a person's re-drive, two
 * approvals racing, a crash between Stripe's refund and our write. Every case ends with the same proof:
 * one refund per key in Stripe's own ledger, one ISSUE_REFUND COMPLETED entry on the timeline, one
 * REFUND_ISSUED mail.
 */

let sellerId: string;
let queue: Awaited<ReturnType<typeof ownInspectionQueue>>;

beforeAll(async () => {
  ({ sellerId } = await refundSeller());
  queue = await ownInspectionQueue();
});
afterAll(async () => {
  queue.destroy();
  await stopStripe();
});
beforeEach(() => setPaymentMode('succeed'));

/** An inspected return owed a small refund (no approval), for a buyer of its own. */
const inspected = (overrides: Partial<Return> = {}) =>
  storedReturn({ sellerId, status: 'INSPECTED', buyer: newBuyer(), ...paidByStripe(), ...overrides });

/** The proof every case ends with. */
const expectRefundedOnce = async (ret: Return) => {
  const stored = await reread(ret);
  const payments = await paymentsOf(ret);
  expect(payments).toEqual([
    expect.objectContaining({
      idempotencyKey: refundIdOf(ret),
      kind: 'REFUND',
      amount: stored.refund!.amount,
      returnId: ret.id,
      sellerId,
    }),
  ]);
  // IssueRefund goes on to the disposition, once.
  expect(stored.status).toBe('COMPLETED');
  expect(entriesOf(stored, 'APPLY_DISPOSITION')).toHaveLength(1);
  expect(stored.refund).toMatchObject({ status: 'COMPLETED', providerRef: payments[0]!.providerRef });
  expect(refundCompletedEntries(stored)).toHaveLength(1);
  expect(await buyerMails(ret, SUBJECTS.REFUND_ISSUED)).toHaveLength(1);
  return { stored, payment: payments[0]! };
};

describe('a refund is paid exactly once', () => {
  it('when the inspection result arrives twice: redelivered, and resent within one batch', async () => {
    const inspectionToken = uniqueId('inspection-token');
    const ret = await storedReturn({
      sellerId,
      status: 'DELIVERED',
      buyer: newBuyer(),
      ...paidByStripe(),
      pipeline: { inspectionToken },
    });
    const message: InspectionMessage = {
      returnId: ret.id,
      sellerId,
      lines: [{ sku: 'SKU-1', grade: 'OPENED' }],
      disposition: 'RESTOCK',
      inspector: 'dock-3',
    };

    // The same message twice: the consumer's delete was lost, so SQS hands it over again.
    const [first] = await queue.receive([await queue.send(message)]);
    expect(await queue.consume([first!])).toEqual({ batchItemFailures: [] });
    await sleep(1_100); // the queue's visibility timeout
    const [again] = await queue.receive([first!.MessageId!]);
    expect(again!.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(await queue.consume([again!])).toEqual({ batchItemFailures: [] });
    // The warehouse resent it, and both copies come in one batch.
    const batch = await queue.receive([await queue.send(message), await queue.send(message)]);
    expect(await queue.consume(batch)).toEqual({ batchItemFailures: [] });

    const afterInspection = await reread(ret);
    expect(afterInspection.status).toBe('INSPECTED');
    expect(entriesOf(afterInspection, 'RECORD_INSPECTION')).toHaveLength(1);
    expect(await recordedCallbacks(inspectionToken)).toEqual([
      expect.objectContaining({ kind: 'success', output: { inspectedAt: afterInspection.updatedAt } }),
    ]);

    await runStep('ComputeRefund', ret);
    await runStep('IssueRefund', ret);
    await expectRefundedOnce(ret);
  });

  it('when ComputeRefund and IssueRefund are retried', async () => {
    const ret = await inspected();

    const [first, second] = [uniqueId('refund-token'), uniqueId('refund-token')];
    await runStep('ComputeRefund', ret, first);
    await runStep('ComputeRefund', ret, second);
    // Both attempts resume their run with the same refund.
    for (const token of [first, second]) {
      expect(await recordedCallbacks(token)).toEqual([
        expect.objectContaining({ output: { refundId: refundIdOf(ret), requiresApproval: false } }),
      ]);
    }
    await runStep('IssueRefund', ret);
    const { stored } = await expectRefundedOnce(ret);
    await runStep('IssueRefund', ret);

    const after = await expectRefundedOnce(ret);
    expect(entriesOf(after.stored, 'COMPUTE_REFUND')).toHaveLength(1);
    expect(after.stored).toEqual(stored);
  });

  it('when two runs of IssueRefund race each other', async () => {
    const ret = await inspected();
    await runStep('ComputeRefund', ret);

    // Stripe refuses the second request under the key while the first is in flight (409): that run's
    // step fails, and the state machine retries it.
    const runs = await Promise.allSettled([runStep('IssueRefund', ret), runStep('IssueRefund', ret)]);
    for (const run of runs) if (run.status === 'rejected') await runStep('IssueRefund', ret);

    await expectRefundedOnce(ret);
  });

  it.each(['timeout-after-refund', 'error-after-refund'] as const)(
    'when Stripe made the refund and its answer was lost (%s): the same key finds it',
    async (mode) => {
      const ret = await inspected();
      await runStep('ComputeRefund', ret);
      await setPaymentMode(mode, 1);

      await runStep('IssueRefund', ret);
      // A retry of the step (the state machine's) changes nothing more.
      await runStep('IssueRefund', ret);

      await expectRefundedOnce(ret);
    },
    20_000,
  );

  it('when Stripe was down on every retry and a person re-drives the refund', async () => {
    const ret = await inspected();
    await runStep('ComputeRefund', ret);
    await setPaymentMode('outage', 2);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await failureOf(runStep('IssueRefund', ret))).name).toBe('PaymentProviderUnavailableError');
    }
    const inDoubt = await reread(ret);
    expect(inDoubt).toMatchObject({ status: 'REFUND_IN_PROGRESS', refund: { status: 'IN_PROGRESS' } });
    expect(await paymentsOf(ret)).toEqual([]);
    // Retries exhausted: the state machine's Catch records the failure, and the seller retries.
    await runTask(PIPELINE_TASKS.RecordStepFailure, {
      sellerId,
      returnId: ret.id,
      correlationId: 'refunds',
      failedStep: 'IssueRefund',
      error: { Error: 'PaymentProviderUnavailableError', Cause: 'Stripe is temporarily unavailable' },
    });
    expect((await reread(ret)).attention).toMatchObject({
      step: 'IssueRefund',
      resumeStatus: 'REFUND_IN_PROGRESS',
    });
    const retried = await invoke('RetryReturn', { sellerId, path: `/v1/returns/${ret.id}/retry` });
    expect(retried.status).toBe(200);

    await runStep('IssueRefund', ret);

    await expectRefundedOnce(ret);
  });

  it('when two approvals race: one wins, one resume, one payment', async () => {
    const ret = await inspected({ items: [line('SKU-1', 60_000, 4_800)] });
    const approvalToken = uniqueId('approval-token');
    await runStep('ComputeRefund', ret, approvalToken);
    expect(await reread(ret)).toMatchObject({
      status: 'REFUND_PENDING_APPROVAL',
      pipeline: { approvalToken },
    });

    const approve = () => invoke('ApproveRefund', { sellerId, path: `/v1/returns/${ret.id}/refund/approve` });
    const answers = await Promise.all([approve(), approve()]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.contentType).toBe('application/problem+json');
    expect(refused.body.type).toBe('/problems/illegal-transition');
    const approved = await reread(ret);
    expect(approved.status).toBe('REFUND_IN_PROGRESS');
    expect(entriesOf(approved, 'APPROVE_REFUND')).toHaveLength(1);
    expect(await recordedCallbacks(approvalToken)).toEqual([
      expect.objectContaining({ kind: 'success', output: { approved: true } }),
    ]);

    await runStep('IssueRefund', ret);
    const { stored } = await expectRefundedOnce(ret);
    expect(stored.refund?.amount).toEqual({ amount: 64_800, currency: 'USD' });
  });

  it('when the run crashed between the provider paying and our write of it', async () => {
    const ret = await inspected();
    await runStep('ComputeRefund', ret);
    // The crashed attempt: it marked the refund IN_PROGRESS, the provider paid, and nothing more was written.
    const deps = { returns: returns(), clock: { now: () => new Date() } };
    const sent = await applyCommand(
      deps,
      sellerId,
      ret.id,
      { type: 'ISSUE_REFUND', status: 'IN_PROGRESS' },
      { kind: 'system', id: 'payments' },
    );
    const { secretKey } = (await connections.get(sellerId, 'stripe'))!.secrets;
    const earlier = await new StripePayments(stripeClient(secretKey!)).pay({
      idempotencyKey: refundIdOf(ret),
      sellerId,
      returnId: ret.id,
      rma: ret.rma,
      orderId: ret.orderId,
      amount: sent.refund!.amount,
      kind: 'REFUND',
      payment: ret.payment!,
    });
    if (earlier.status === 'MANUAL') throw new Error('the seller is connected to Stripe');
    expect((await reread(ret)).status).toBe('REFUND_IN_PROGRESS');

    await runStep('IssueRefund', ret);

    const { stored } = await expectRefundedOnce(ret);
    expect(stored.refund?.providerRef).toBe(earlier.providerRef);
  });
});
