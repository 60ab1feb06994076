import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../../domain/policy.js';
import { decideRefund, refundIdOf } from '../../domain/refund-decision.js';
import type { Grade } from '../../domain/inspection.js';
import type { BreakdownLine } from '../../domain/refund.js';
import type { ReasonCode } from '../../domain/reason-codes.js';
import type { Concession, Return } from '../../domain/return.js';
import { TEST_RETURN_ADDRESS, makeReturn } from '../support/return-factory.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const SELLER = 'seller-refund-decision';
const usd = (amount: number) => ({ amount, currency: 'USD' as const });
const POLICY: Policy = defaultPolicy('US', TEST_RETURN_ADDRESS);

/** The factory's one line: SKU-1, 1 x 25.99 plus 2.08 tax. */
const ITEM = 2599;
const TAX = 208;
const PAID = ITEM + TAX;

const kinds = (breakdown: readonly BreakdownLine[]) => breakdown.map((line) => line.kind);
const lineOf = (breakdown: readonly BreakdownLine[], kind: BreakdownLine['kind']) =>
  breakdown.find((line) => line.kind === kind);
const sumOf = (breakdown: readonly BreakdownLine[]) => breakdown.reduce((acc, line) => acc + line.amount, 0);

/** An inspected return with SKU-1 graded `grade`, for `reason`. */
const inspected = (grade: Grade, reason: ReasonCode, overrides: Partial<Return> = {}): Return =>
  makeReturn({
    sellerId: SELLER,
    status: 'INSPECTED',
    reason,
    inspection: { lines: [{ sku: 'SKU-1', grade }], disposition: 'RESTOCK' },
    ...overrides,
  });

/** A returnless return, authorized and waiting for its refund. */
const returnless = (overrides: Partial<Return> = {}): Return =>
  makeReturn({ sellerId: SELLER, status: 'AUTHORIZED', returnless: true, ...overrides });

const concession = (amount: number, status: Concession['status'] = 'COMPLETED'): Concession => ({
  concessionId: `cn-${amount}-${status}`,
  amount: usd(amount),
  reason: 'goodwill',
  status,
  at: '2026-11-15T00:00:00.000Z',
});

/** The fee the policy sets for `grade`, computed here in plain numbers (half up). */
const policyFee = (grade: Grade, amount: number): number => {
  const rule = POLICY.restockingFees.find((r) => r.grade === grade);
  return Math.round((amount * (rule?.feeBasisPoints ?? 0)) / 10_000);
};

describe('decideRefund', () => {
  it('refunds a returnless return in full, with no fee or deduction, even on a buyer-remorse reason', () => {
    for (const reason of ['DEFECTIVE', 'CHANGED_MIND'] as const) {
      const refund = decideRefund(returnless({ reason }), POLICY, NOW);

      expect(refund.amount).toEqual(usd(PAID));
      expect(kinds(refund.breakdown)).toEqual(['ITEM', 'TAX']);
      expect(refund.breakdown).not.toContainEqual(expect.objectContaining({ kind: 'RESTOCKING_FEE' }));
      expect(refund.breakdown).not.toContainEqual(expect.objectContaining({ kind: 'DEDUCTION' }));
    }
  });

  it('ignores grades on a returnless return: the buyer keeps the items, nothing was inspected', () => {
    const ret = returnless({
      reason: 'CHANGED_MIND',
      inspection: { lines: [{ sku: 'SKU-1', grade: 'NOT_RECEIVED' }], disposition: 'BUYER_KEEPS' },
    });

    expect(decideRefund(ret, POLICY, NOW).amount).toEqual(usd(PAID));
  });

  it('charges the policy restocking fee for a USED item on a buyer-remorse return, and refunds tax in proportion', () => {
    const refund = decideRefund(inspected('USED', 'NO_LONGER_NEEDED'), POLICY, NOW);

    const fee = policyFee('USED', ITEM);
    expect(fee).toBe(390); // 15% of 25.99, rounded half up
    expect(lineOf(refund.breakdown, 'RESTOCKING_FEE')).toMatchObject({ sku: 'SKU-1', amount: -fee });
    const tax = Math.round((TAX * (ITEM - fee)) / ITEM);
    expect(lineOf(refund.breakdown, 'TAX')).toMatchObject({ sku: 'SKU-1', amount: tax });
    expect(refund.amount).toEqual(usd(ITEM - fee + tax));
    expect(refund.amount.amount).toBe(sumOf(refund.breakdown));
  });

  it('charges no restocking fee for a USED item when the seller was at fault', () => {
    const refund = decideRefund(inspected('USED', 'DEFECTIVE'), POLICY, NOW);

    expect(kinds(refund.breakdown)).not.toContain('RESTOCKING_FEE');
    expect(refund.amount).toEqual(usd(PAID));
  });

  it('charges no fee for an AS_NEW item, and none for OPENED where the policy sets 0', () => {
    expect(decideRefund(inspected('AS_NEW', 'CHANGED_MIND'), POLICY, NOW).amount).toEqual(usd(PAID));
    const opened = decideRefund(inspected('OPENED', 'CHANGED_MIND'), POLICY, NOW);
    expect(kinds(opened.breakdown)).not.toContain('RESTOCKING_FEE');
    expect(opened.amount).toEqual(usd(PAID));
  });

  it('deducts the whole item for NOT_RECEIVED, whatever the reason, and refunds none of its tax', () => {
    for (const reason of ['DEFECTIVE', 'CHANGED_MIND'] as const) {
      const refund = decideRefund(inspected('NOT_RECEIVED', reason), POLICY, NOW);

      expect(lineOf(refund.breakdown, 'DEDUCTION')).toMatchObject({ sku: 'SKU-1', amount: -ITEM });
      expect(lineOf(refund.breakdown, 'TAX')).toMatchObject({ amount: 0 });
      expect(kinds(refund.breakdown)).not.toContain('RESTOCKING_FEE');
      expect(refund.amount).toEqual(usd(0));
    }
  });

  it('debits the return label when the buyer pays it, and not when the seller does', () => {
    const labelled = inspected('AS_NEW', 'CHANGED_MIND');
    const label = labelled.label!;

    const buyerPays = decideRefund(
      { ...labelled, label: { ...label, paidBy: 'BUYER', cost: usd(799) } },
      POLICY,
      NOW,
    );
    expect(lineOf(buyerPays.breakdown, 'RETURN_SHIPPING')).toMatchObject({ amount: -799 });
    expect(buyerPays.amount).toEqual(usd(PAID - 799));

    const sellerPays = decideRefund(
      { ...labelled, label: { ...label, paidBy: 'SELLER', cost: usd(799) } },
      POLICY,
      NOW,
    );
    expect(kinds(sellerPays.breakdown)).not.toContain('RETURN_SHIPPING');
    expect(sellerPays.amount).toEqual(usd(PAID));
  });

  it('refunds the original shipping on a seller-fault return only', () => {
    const shipping = { originalShipping: usd(499) };

    const sellerFault = decideRefund(inspected('AS_NEW', 'DEFECTIVE', shipping), POLICY, NOW);
    expect(lineOf(sellerFault.breakdown, 'ORIGINAL_SHIPPING')).toMatchObject({ amount: 499 });
    expect(sellerFault.amount).toEqual(usd(PAID + 499));

    const remorse = decideRefund(inspected('AS_NEW', 'CHANGED_MIND', shipping), POLICY, NOW);
    expect(kinds(remorse.breakdown)).not.toContain('ORIGINAL_SHIPPING');
    expect(remorse.amount).toEqual(usd(PAID));
  });

  it('takes earlier concessions off what may still be refunded, with a CAP line', () => {
    const refund = decideRefund(returnless({ concessions: [concession(1000)] }), POLICY, NOW);

    expect(refund.amount).toEqual(usd(PAID - 1000));
    expect(lineOf(refund.breakdown, 'CAP')).toMatchObject({ amount: -1000 });
    expect(refund.amount.amount).toBe(sumOf(refund.breakdown));
  });

  it('refunds nothing when concessions already cover what was paid, and never goes negative', () => {
    const refund = decideRefund(returnless({ concessions: [concession(PAID)] }), POLICY, NOW);

    expect(refund.amount).toEqual(usd(0));
    expect(refund.requiresApproval).toBe(false);
  });

  it('does not count a FAILED concession against the refund', () => {
    const refund = decideRefund(returnless({ concessions: [concession(1000, 'FAILED')] }), POLICY, NOW);

    expect(refund.amount).toEqual(usd(PAID));
    expect(kinds(refund.breakdown)).not.toContain('CAP');
  });

  describe('approval above the high-value threshold', () => {
    const threshold = POLICY.highValueApprovalThreshold.amount;
    const worth = (amount: number) =>
      returnless({
        items: [{ sku: 'SKU-1', category: 'electronics', quantity: 1, unitPrice: usd(amount) }],
      });

    it('is not needed at exactly the threshold', () => {
      const refund = decideRefund(worth(threshold), POLICY, NOW);
      expect(refund.amount).toEqual(usd(threshold));
      expect(refund.requiresApproval).toBe(false);
    });

    it('is needed one minor unit above it', () => {
      const refund = decideRefund(worth(threshold + 1), POLICY, NOW);
      expect(refund.amount).toEqual(usd(threshold + 1));
      expect(refund.requiresApproval).toBe(true);
    });

    it('is not needed below it', () => {
      expect(decideRefund(worth(threshold - 1), POLICY, NOW).requiresApproval).toBe(false);
    });

    it('follows the refunded amount, not the price: a fee can bring a refund under the threshold', () => {
      const ret = makeReturn({
        sellerId: SELLER,
        status: 'INSPECTED',
        reason: 'CHANGED_MIND',
        items: [{ sku: 'SKU-1', category: 'electronics', quantity: 1, unitPrice: usd(threshold + 1) }],
        inspection: { lines: [{ sku: 'SKU-1', grade: 'USED' }], disposition: 'RESTOCK' },
      });
      const refund = decideRefund(ret, POLICY, NOW);
      expect(refund.amount.amount).toBeLessThan(threshold);
      expect(refund.requiresApproval).toBe(false);
    });

    it("uses the policy's own threshold", () => {
      const strict: Policy = { ...POLICY, highValueApprovalThreshold: usd(PAID - 1) };
      expect(decideRefund(returnless(), strict, NOW).requiresApproval).toBe(true);
      const lenient: Policy = { ...POLICY, highValueApprovalThreshold: usd(PAID) };
      expect(decideRefund(returnless(), lenient, NOW).requiresApproval).toBe(false);
    });
  });

  it('gives the refund a stable id derived from the return, SUBMITTED and stamped with the clock', () => {
    const ret = returnless();

    const first = decideRefund(ret, POLICY, NOW);
    const again = decideRefund(ret, POLICY, new Date('2026-11-21T00:00:00.000Z'));

    expect(first.refundId).toBe(`${ret.id}-refund`);
    expect(refundIdOf(ret)).toBe(`${ret.id}-refund`);
    expect(again.refundId).toBe(first.refundId);
    expect(first).toMatchObject({ status: 'SUBMITTED', computedAt: NOW.toISOString() });
    expect(first.providerRef).toBeUndefined();
  });

  it('leaves the return untouched', () => {
    const ret = inspected('USED', 'CHANGED_MIND', { concessions: [concession(100)] });
    const before = structuredClone(ret);

    decideRefund(ret, POLICY, NOW);

    expect(ret).toEqual(before);
  });
});
