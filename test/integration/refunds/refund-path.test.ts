import { applyCommand } from '../../../functions/use-cases/apply-command.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoPolicyRepository } from '../../../functions/adapters/dynamodb/policy-repository.js';
import { PIPELINE_TASKS } from '../../../functions/pipeline/pipeline-contract.js';
import { refundIdOf } from '../../../domain/refund-decision.js';
import type { Return } from '../../../domain/return.js';
import { invoke } from '../support/api.js';
import { reread, returns, runTask, storedReturn } from '../support/pipeline.js';
import { tableOptions, uniqueId } from '../support/table.js';
import {
  SUBJECTS,
  buyerMails,
  entriesOf,
  failureOf,
  labelWithCost,
  line,
  newBuyer,
  paidByStripe,
  paymentsOf,
  recordedCallbacks,
  recordedRunsOf,
  refundCompletedEntries,
  refundSeller,
  runStep,
  sellerMails,
  setPaymentMode,
  stopStripe,
} from '../support/refunds.js';

/**
 * The second half of a return's life, one pipeline task or API call at a time, against the local
 * stand-ins: the refund's computation, its approval or rejection, its payment (declined, then retried),
 * the disposition, and the waits' tokens and mails.
 */

let sellerId: string;

beforeAll(async () => {
  ({ sellerId } = await refundSeller());
});
afterAll(() => stopStripe());
beforeEach(() => setPaymentMode('succeed'));

const stored = (overrides: Partial<Return> & { status: Return['status'] }) =>
  storedReturn({ sellerId, buyer: newBuyer(), ...paidByStripe(), ...overrides });

/** Above the default policy's high-value threshold of USD 500.00. */
const LARGE = [line('SKU-1', 60_000, 4_800)];

const getReturn = (ret: Pick<Return, 'id'>) =>
  invoke('GetReturn', { sellerId, path: `/v1/returns/${ret.id}` });
const approve = (ret: Pick<Return, 'id'>) =>
  invoke('ApproveRefund', { sellerId, path: `/v1/returns/${ret.id}/refund/approve` });
const reject = (ret: Pick<Return, 'id'>, body: unknown) =>
  invoke('RejectRefund', { sellerId, path: `/v1/returns/${ret.id}/refund/reject`, body });

describe('ComputeRefund', () => {
  it('charges the policy restocking fee on a used item sent back out of buyer remorse', async () => {
    const ret = await stored({
      status: 'INSPECTED',
      reason: 'NO_LONGER_NEEDED',
      items: [line('SKU-1', 4_000, 320)],
      inspection: { lines: [{ sku: 'SKU-1', grade: 'USED' }], disposition: 'RESTOCK' },
      ...labelWithCost(500, 'BUYER'),
    });
    const policy = await new DynamoPolicyRepository(tableOptions()).get(sellerId, 'US');
    const usedFee = policy!.restockingFees.find((rule) => rule.grade === 'USED')!.feeBasisPoints;
    const fee = (4_000 * usedFee) / 10_000;
    expect(Number.isInteger(fee) && fee > 0).toBe(true);
    const tax = (320 * (4_000 - fee)) / 4_000;

    const token = uniqueId('refund-token');
    await runStep('ComputeRefund', ret, token);

    // No approval needed: the step resumes its own run at once.
    expect(await recordedCallbacks(token)).toEqual([
      expect.objectContaining({
        kind: 'success',
        output: { refundId: refundIdOf(ret), requiresApproval: false },
      }),
    ]);
    const after = await reread(ret);
    expect(after.status).toBe('REFUND_IN_PROGRESS');
    expect(after.refund).toMatchObject({
      refundId: refundIdOf(ret),
      status: 'SUBMITTED',
      requiresApproval: false,
      amount: { amount: 4_000 - fee + tax - 500, currency: 'USD' },
    });
    expect(after.refund!.breakdown.map(({ kind, sku, amount }) => ({ kind, sku, amount }))).toEqual([
      { kind: 'ITEM', sku: 'SKU-1', amount: 4_000 },
      { kind: 'RESTOCKING_FEE', sku: 'SKU-1', amount: -fee },
      { kind: 'TAX', sku: 'SKU-1', amount: tax },
      { kind: 'RETURN_SHIPPING', sku: undefined, amount: -500 },
    ]);
    expect(entriesOf(after, 'COMPUTE_REFUND')).toHaveLength(1);
    const read = await getReturn(ret);
    expect(read.body.refund).toEqual(after.refund);
  });

  it('sends a refund above the high-value threshold to approval: the run waits, its token on the return', async () => {
    const ret = await stored({ status: 'INSPECTED', items: LARGE });
    const token = uniqueId('approval-token');

    await runStep('ComputeRefund', ret, token);

    const after = await reread(ret);
    expect(after.status).toBe('REFUND_PENDING_APPROVAL');
    expect(after.refund).toMatchObject({
      requiresApproval: true,
      amount: { amount: 64_800, currency: 'USD' },
    });
    expect(after.pipeline?.approvalToken).toBe(token);
    // One write: the refund and the token together.
    expect(after.version).toBe(ret.version + 1);
    expect(await recordedCallbacks(token)).toEqual([]);
  });
});

describe("ComputeRefund's wait for the approval, ApproveRefund and RejectRefund", () => {
  it('stores its token beside the other waits and mails the seller once, however often it runs', async () => {
    const pipeline = { taskToken: uniqueId('carrier-token'), inspectionToken: uniqueId('inspection-token') };
    const ret = await stored({ status: 'INSPECTED', items: LARGE, pipeline });
    const approvalToken = uniqueId('approval-token');

    await runStep('ComputeRefund', ret, approvalToken);
    await runStep('ComputeRefund', ret, approvalToken);

    const after = await reread(ret);
    expect(after.status).toBe('REFUND_PENDING_APPROVAL');
    expect(after.pipeline).toEqual({ ...pipeline, approvalToken });
    const mails = await sellerMails(ret, SUBJECTS.REFUND_APPROVAL_REQUIRED);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(ret.id);
    expect(mails[0]!.subject).toContain('$648.00');
    expect(await recordedCallbacks(approvalToken)).toEqual([]);
  });

  it('goes on at once for a refund approved already, storing no token', async () => {
    const ret = await stored({ status: 'REFUND_IN_PROGRESS' });
    const approvalToken = uniqueId('approval-token');

    await runStep('ComputeRefund', ret, approvalToken);

    expect(await recordedCallbacks(approvalToken)).toEqual([
      expect.objectContaining({
        kind: 'success',
        output: { refundId: ret.refund!.refundId, requiresApproval: false },
      }),
    ]);
    expect(await reread(ret)).toEqual(ret);
    expect(await sellerMails(ret, SUBJECTS.REFUND_APPROVAL_REQUIRED)).toHaveLength(0);
  });

  it('RejectRefund closes the return, ends the waiting run and tells the buyer why, once', async () => {
    const approvalToken = uniqueId('approval-token');
    const ret = await stored({ status: 'REFUND_PENDING_APPROVAL', pipeline: { approvalToken } });
    const reason = 'The serial number does not match the one we shipped.';

    const answer = await reject(ret, { reason });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'CLOSED',
      closure: { reason: 'REFUND_REJECTED', comment: reason },
    });
    expect(answer.body).not.toHaveProperty('pipeline');
    const after = await reread(ret);
    expect(after.status).toBe('CLOSED');
    expect(after.closure).toEqual({ reason: 'REFUND_REJECTED', comment: reason });
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'REJECT_REFUND',
      from: 'REFUND_PENDING_APPROVAL',
      to: 'CLOSED',
      actor: { kind: 'seller', id: sellerId },
    });
    expect(await recordedCallbacks(approvalToken)).toEqual([
      expect.objectContaining({ kind: 'failure', error: 'ReturnEndedError' }),
    ]);

    const again = await reject(ret, { reason: 'Rejected twice' });
    expect(again.status).toBe(409);
    const mails = await buyerMails(ret, SUBJECTS.REFUND_REJECTED);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(reason);
    expect(await paymentsOf(ret)).toEqual([]);
  });

  it('lets its run go when the refund was rejected before a resumed run got there', async () => {
    const ret = await stored({ status: 'REFUND_PENDING_APPROVAL' });
    expect((await reject(ret, { reason: 'Not eligible' })).status).toBe(200);
    const closed = await reread(ret);
    const approvalToken = uniqueId('approval-token');

    await runStep('ComputeRefund', ret, approvalToken);

    expect(await recordedCallbacks(approvalToken)).toEqual([
      expect.objectContaining({ kind: 'failure', error: 'ReturnEndedError' }),
    ]);
    expect(await reread(ret)).toEqual(closed);
    expect(await sellerMails(ret, SUBJECTS.REFUND_APPROVAL_REQUIRED)).toHaveLength(0);
  });

  it('refuses to approve or reject a refund that is not pending approval, changing nothing', async () => {
    for (const status of ['INSPECTED', 'REFUND_IN_PROGRESS', 'REFUNDED'] as const) {
      const ret = await stored({ status });
      for (const answer of [await approve(ret), await reject(ret, { reason: 'Too late' })]) {
        expect.soft(answer.status, status).toBe(409);
        expect.soft(answer.contentType).toBe('application/problem+json');
        expect.soft(answer.body).toMatchObject({ status: 409, type: '/problems/illegal-transition' });
        expect.soft(answer.body.errors).toEqual([{ field: 'status', rule: expect.stringContaining(status) }]);
      }
      expect(await reread(ret)).toEqual(ret);
      expect(await buyerMails(ret, SUBJECTS.REFUND_REJECTED)).toHaveLength(0);
    }
  });

  it('refuses a rejection without a reason, with a blank one or with an unknown field', async () => {
    const ret = await stored({ status: 'REFUND_PENDING_APPROVAL' });
    const cases = [
      { body: {}, field: 'reason', rule: 'is required' },
      { body: { reason: '  \n ' }, field: 'reason', rule: 'must not be blank' },
      { body: { reason: 'Worn', refundNow: false }, field: 'refundNow', rule: 'is not a known field' },
    ];
    for (const c of cases) {
      const answer = await reject(ret, c.body);
      expect.soft(answer.status, JSON.stringify(c.body)).toBe(400);
      expect.soft(answer.contentType).toBe('application/problem+json');
      expect.soft(answer.body.errors).toEqual([{ field: c.field, rule: c.rule }]);
    }
    expect(await reread(ret)).toEqual(ret);
  });
});

/** RecordStepFailure as the Catch after IssueRefund calls it: the failed step and the caught error. */
const recordStepFailure = (ret: Return, error: Error) =>
  runTask(PIPELINE_TASKS.RecordStepFailure, {
    sellerId: ret.sellerId,
    returnId: ret.id,
    correlationId: `refunds-${ret.id}`,
    failedStep: 'IssueRefund',
    error: {
      Error: error.name,
      Cause: JSON.stringify({ errorType: error.name, errorMessage: error.message }),
    },
  });

describe('IssueRefund declined, then retried', () => {
  it('goes to NEEDS_ATTENTION paying nothing, and a retry pays once', async () => {
    const ret = await stored({ status: 'INSPECTED' });
    await runStep('ComputeRefund', ret);
    await setPaymentMode('decline', 1);

    const error = await failureOf(runStep('IssueRefund', ret));

    expect(error.name).toBe('PaymentDeclinedError');
    const failed = await reread(ret);
    expect(failed.status).toBe('NEEDS_ATTENTION');
    expect(failed.refund?.status).toBe('FAILED');
    expect(failed.attention).toEqual({
      step: 'IssueRefund',
      error: expect.stringContaining('declined'),
      resumeStatus: 'REFUND_IN_PROGRESS',
    });
    expect(await paymentsOf(ret)).toEqual([]);
    expect(await buyerMails(ret, SUBJECTS.REFUND_ISSUED)).toHaveLength(0);
    // The state machine's Catch then runs RecordStepFailure, which keeps what IssueRefund recorded.
    await recordStepFailure(ret, error);
    expect(await reread(ret)).toEqual(failed);

    const retried = await invoke('RetryReturn', { sellerId, path: `/v1/returns/${ret.id}/retry` });

    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('REFUND_IN_PROGRESS');
    expect(await recordedRunsOf(ret.id)).toEqual([
      {
        name: expect.stringContaining(ret.id),
        input: expect.objectContaining({ sellerId, returnId: ret.id, resumeAt: 'IssueRefund' }),
      },
    ]);

    await runStep('IssueRefund', ret);

    const paid = await reread(ret);
    const payments = await paymentsOf(ret);
    expect(payments).toHaveLength(1);
    // IssueRefund goes on to the disposition: the return is done.
    expect(paid.status).toBe('COMPLETED');
    expect(paid.refund).toMatchObject({ status: 'COMPLETED', providerRef: payments[0]!.providerRef });
    expect(refundCompletedEntries(paid)).toHaveLength(1);
    expect(await buyerMails(ret, SUBJECTS.REFUND_ISSUED)).toHaveLength(1);
  });
});

describe('IssueRefund of a refunded return (the disposition after the payment)', () => {
  it('completes it with an inventory adjustment per line, once, paying nothing', async () => {
    const ret = await stored({
      status: 'REFUNDED',
      items: [line('SKU-1', 2_599, 208), line('SKU-2', 1_000, 80, 2)],
      inspection: {
        lines: [
          { sku: 'SKU-1', grade: 'USED' },
          { sku: 'SKU-2', grade: 'AS_NEW' },
        ],
        disposition: 'RESTOCK',
      },
    });

    await runStep('IssueRefund', ret);
    const done = await reread(ret);
    await runStep('IssueRefund', ret);

    expect(await reread(ret)).toEqual(done);
    expect(done.status).toBe('COMPLETED');
    expect(entriesOf(done, 'APPLY_DISPOSITION')).toHaveLength(1);
    expect(await paymentsOf(ret)).toEqual([]);
    expect(done.inventoryAdjustments).toEqual([
      {
        sku: 'SKU-1',
        quantity: 1,
        disposition: 'RESELL_AS_RENEWED',
        grade: 'USED',
        note: expect.stringContaining('USED'),
        at: expect.any(String),
      },
      {
        sku: 'SKU-2',
        quantity: 2,
        disposition: 'RESTOCK',
        grade: 'AS_NEW',
        at: expect.any(String),
      },
    ]);
    const read = await getReturn(ret);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'COMPLETED', inventoryAdjustments: done.inventoryAdjustments });
  });
});

describe('AwaitInspection', () => {
  it('stores its token beside the carrier one; the delivery mails the buyer that the parcel arrived, once', async () => {
    const taskToken = uniqueId('carrier-token');
    const ret = await stored({ status: 'IN_TRANSIT', pipeline: { taskToken } });
    const delivery = {
      type: 'TRACKING_EVENT',
      status: 'DELIVERED',
      eventId: uniqueId('e'),
      occurredAt: ret.createdAt,
    } as const;
    await applyCommand({ returns: returns(), clock: { now: () => new Date() } }, sellerId, ret.id, delivery, {
      kind: 'carrier',
    });
    const [first, retried] = [uniqueId('inspection-token'), uniqueId('inspection-token')];

    await runStep('AwaitInspection', ret, first);
    await runStep('AwaitInspection', ret, retried);

    const after = await reread(ret);
    expect(after.status).toBe('DELIVERED');
    expect(after.pipeline).toEqual({ taskToken, inspectionToken: retried });
    const mails = await buyerMails(ret, SUBJECTS.RETURN_RECEIVED);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(ret.rma);
    expect([...(await recordedCallbacks(first)), ...(await recordedCallbacks(retried))]).toEqual([]);
  });

  it('goes on at once when the inspection was recorded before the run got there', async () => {
    const ret = await stored({ status: 'INSPECTED' });
    const token = uniqueId('inspection-token');

    await runStep('AwaitInspection', ret, token);

    expect(await recordedCallbacks(token)).toEqual([
      expect.objectContaining({ kind: 'success', output: { inspectedAt: ret.updatedAt } }),
    ]);
    expect(await reread(ret)).toEqual(ret);
  });
});

describe('GetReturn', () => {
  it('never shows the pipeline bookkeeping (task tokens)', async () => {
    const pipeline = {
      taskToken: uniqueId('carrier-token'),
      inspectionToken: uniqueId('inspection-token'),
      approvalToken: uniqueId('approval-token'),
    };
    const ret = await stored({ status: 'REFUND_PENDING_APPROVAL', pipeline });

    const read = await getReturn(ret);

    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: ret.id, status: 'REFUND_PENDING_APPROVAL' });
    expect(read.body).not.toHaveProperty('pipeline');
    for (const token of Object.values(pipeline)) expect(JSON.stringify(read.body)).not.toContain(token);
  });
});
