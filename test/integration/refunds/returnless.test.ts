import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundIdOf } from '../../../domain/refund-decision.js';
import type { Return } from '../../../domain/return.js';
import { invoke } from '../support/api.js';
import { recordedRun, reread, storedReturn } from '../support/pipeline.js';
import { uniqueId } from '../support/table.js';
import {
  SUBJECTS,
  buyerMails,
  line,
  newBuyer,
  paidByStripe,
  paymentsOf,
  recordedCallbacks,
  refundCompletedEntries,
  refundSeller,
  runStep,
  setPaymentMode,
  stopStripe,
} from '../support/refunds.js';
import { runStart } from '../../../functions/pipeline/pipeline-contract.js';

/**
 * A returnless refund: the seller authorizes the request as returnless, the run starts at ComputeRefund
 * (no label, no carrier, no inspection), the buyer is refunded in full and keeps every item.
 */

let sellerId: string;

beforeAll(async () => {
  ({ sellerId } = await refundSeller());
  await setPaymentMode('succeed');
});
afterAll(() => stopStripe());

/** A request waiting for the seller, authorized through the API as returnless. */
const authorizedReturnless = async (overrides: Partial<Return>) => {
  const ret = await storedReturn({ sellerId, buyer: newBuyer(), ...paidByStripe(), ...overrides });
  const answer = await invoke('AuthorizeReturn', {
    sellerId,
    path: `/v1/returns/${ret.id}/authorize`,
    body: { returnless: true },
  });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ status: 'AUTHORIZED', returnless: true });
  return ret;
};

describe('a returnless refund', () => {
  it('starts its run at ComputeRefund, refunds in full, and leaves every item with the buyer', async () => {
    const ret = await authorizedReturnless({
      reason: 'DEFECTIVE',
      items: [line('SKU-1', 2_599, 208), line('SKU-2', 1_250, 100, 2)],
      originalShipping: { amount: 599, currency: 'USD' },
    });

    expect(await recordedRun(ret.id)).toEqual({
      sellerId,
      returnId: ret.id,
      correlationId: expect.any(String),
      ...runStart('ComputeRefund'),
    });

    const token = uniqueId('refund-token');
    await runStep('ComputeRefund', ret, token);
    expect(await recordedCallbacks(token)).toEqual([
      expect.objectContaining({ output: { refundId: refundIdOf(ret), requiresApproval: false } }),
    ]);
    await runStep('ComputeRefund', ret);

    const computed = await reread(ret);
    expect(computed.status).toBe('REFUND_IN_PROGRESS');
    expect(computed.label).toBeUndefined();
    const full = 2_599 + 208 + 2 * 1_250 + 100 + 599;
    expect(computed.refund).toMatchObject({
      amount: { amount: full, currency: 'USD' },
      requiresApproval: false,
    });
    expect(computed.refund!.breakdown.map(({ kind, sku, amount }) => ({ kind, sku, amount }))).toEqual([
      { kind: 'ITEM', sku: 'SKU-1', amount: 2_599 },
      { kind: 'TAX', sku: 'SKU-1', amount: 208 },
      { kind: 'ITEM', sku: 'SKU-2', amount: 2_500 },
      { kind: 'TAX', sku: 'SKU-2', amount: 100 },
      { kind: 'ORIGINAL_SHIPPING', sku: undefined, amount: 599 },
    ]);
    const authorized = await buyerMails(ret, SUBJECTS.RETURN_AUTHORIZED);
    expect(authorized).toHaveLength(1);
    expect(authorized[0]!.body.text).toMatch(/keep it/);
    expect(authorized[0]!.body.text).not.toMatch(/label/i);
    expect(authorized[0]!.body.html).not.toMatch(/label/i);

    await runStep('IssueRefund', ret);

    const completed = await reread(ret);
    const payments = await paymentsOf(ret);
    expect(payments).toEqual([
      expect.objectContaining({ kind: 'REFUND', amount: { amount: full, currency: 'USD' } }),
    ]);
    expect(completed.refund).toMatchObject({ status: 'COMPLETED', providerRef: payments[0]!.providerRef });
    expect(refundCompletedEntries(completed)).toHaveLength(1);
    expect(await buyerMails(ret, SUBJECTS.REFUND_ISSUED)).toHaveLength(1);
    // The same step applies the disposition: the buyer keeps every line.
    expect(completed.status).toBe('COMPLETED');
    expect(completed.inventoryAdjustments).toEqual([
      { sku: 'SKU-1', quantity: 1, disposition: 'BUYER_KEEPS', at: expect.any(String) },
      { sku: 'SKU-2', quantity: 2, disposition: 'BUYER_KEEPS', at: expect.any(String) },
    ]);
  });

  it('charges no restocking fee or return freight on a buyer-remorse request', async () => {
    const ret = await authorizedReturnless({
      reason: 'CHANGED_MIND',
      items: [line('SKU-1', 899, 72)],
      originalShipping: { amount: 499, currency: 'USD' },
    });

    await runStep('ComputeRefund', ret);

    const computed = await reread(ret);
    // Buyer remorse: the original shipping stays with the seller, and nothing is deducted.
    expect(computed.refund?.amount).toEqual({ amount: 899 + 72, currency: 'USD' });
    expect(computed.refund!.breakdown.map((l) => l.kind)).toEqual(['ITEM', 'TAX']);
  });
});
