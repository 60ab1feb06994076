import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeRefund, type RefundInput } from '../../domain/refund-calculator.js';
import { BreakdownLineSchema } from '../../domain/refund.js';
import { GRADES } from '../../domain/inspection.js';
import { REASON_CLASSES, isSellerFault, type ReasonCode } from '../../domain/reason-codes.js';
import type { Currency } from '../../domain/money.js';
import type { ReturnLine } from '../../domain/return-request.js';

const REASONS = Object.keys(REASON_CLASSES) as ReasonCode[];
const CURRENCIES: Currency[] = ['USD', 'JPY', 'EUR', 'GBP'];

const amount = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10_000_000 }));

const refundInput: fc.Arbitrary<RefundInput> = fc
  .record({
    currency: fc.constantFrom(...CURRENCIES),
    lines: fc.array(
      fc.record({
        quantity: fc.integer({ min: 1, max: 999 }),
        unitPrice: amount,
        tax: fc.option(amount, { nil: undefined }),
        grade: fc.constantFrom(...GRADES),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    graded: fc.boolean(),
    reason: fc.constantFrom(...REASONS),
    originalShipping: fc.option(amount, { nil: undefined }),
    returnShipping: fc.option(
      fc.record({ cost: amount, paidBy: fc.constantFrom('SELLER' as const, 'BUYER' as const) }),
      {
        nil: undefined,
      },
    ),
    restockingFees: fc.array(
      fc.record({ grade: fc.constantFrom(...GRADES), feeBasisPoints: fc.integer({ min: 0, max: 10_000 }) }),
      { maxLength: 7 },
    ),
    alreadyRefunded: fc.oneof(fc.constant(0), amount, fc.integer({ min: 0, max: 5_000_000_000 })),
  })
  .map((g): RefundInput => {
    const m = (a: number) => ({ amount: a, currency: g.currency });
    const lines: ReturnLine[] = g.lines.map((l, i) => ({
      sku: `SKU-${i}`,
      category: 'general',
      quantity: l.quantity,
      unitPrice: m(l.unitPrice),
      ...(l.tax === undefined ? {} : { tax: m(l.tax) }),
    }));
    return {
      lines,
      reason: g.reason,
      ...(g.graded ? { grades: g.lines.map((l, i) => ({ sku: `SKU-${i}`, grade: l.grade })) } : {}),
      ...(g.originalShipping === undefined ? {} : { originalShipping: m(g.originalShipping) }),
      ...(g.returnShipping === undefined
        ? {}
        : { returnShipping: { cost: m(g.returnShipping.cost), paidBy: g.returnShipping.paidBy } }),
      restockingFees: g.restockingFees,
      alreadyRefunded: m(g.alreadyRefunded),
      currency: g.currency,
    };
  });

const paidOf = (input: RefundInput): number =>
  input.lines.reduce((acc, l) => acc + l.unitPrice.amount * l.quantity + (l.tax?.amount ?? 0), 0) +
  (input.originalShipping?.amount ?? 0);

const RUNS = { numRuns: 300 };

describe('computeRefund properties', () => {
  it('never refunds a negative amount', () => {
    fc.assert(
      fc.property(refundInput, (input) => {
        expect(computeRefund(input).amount.amount).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('never refunds more than was paid less what was already refunded', () => {
    fc.assert(
      fc.property(refundInput, (input) => {
        const ceiling = Math.max(0, paidOf(input) - input.alreadyRefunded.amount);
        expect(computeRefund(input).amount.amount).toBeLessThanOrEqual(ceiling);
      }),
      RUNS,
    );
  });

  it('refunds exactly the sum of its breakdown lines, with at most one CAP line, last', () => {
    fc.assert(
      fc.property(refundInput, (input) => {
        const { amount: refund, breakdown } = computeRefund(input);
        expect(breakdown.reduce((acc, l) => acc + l.amount, 0)).toBe(refund.amount);
        const caps = breakdown.filter((l) => l.kind === 'CAP');
        expect(caps.length).toBeLessThanOrEqual(1);
        if (caps.length === 1) expect(breakdown.at(-1)?.kind).toBe('CAP');
      }),
      RUNS,
    );
  });

  it("puts every breakdown line in the refund's currency, as a valid line with an explanation", () => {
    fc.assert(
      fc.property(refundInput, (input) => {
        const { amount: refund, breakdown } = computeRefund(input);
        expect(refund.currency).toBe(input.currency);
        for (const line of breakdown) {
          expect(line.currency).toBe(input.currency);
          expect(BreakdownLineSchema.parse(line)).toEqual(line);
          expect(line.explanation.length).toBeGreaterThan(10);
          expect(Number.isSafeInteger(line.amount)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('refunds a line tax between nothing and what was paid, never more', () => {
    fc.assert(
      fc.property(refundInput, (input) => {
        const { breakdown } = computeRefund(input);
        for (const tax of breakdown.filter((l) => l.kind === 'TAX')) {
          const paidTax = input.lines.find((l) => l.sku === tax.sku)?.tax?.amount ?? 0;
          expect(tax.amount).toBeGreaterThanOrEqual(0);
          expect(tax.amount).toBeLessThanOrEqual(paidTax);
        }
      }),
      RUNS,
    );
  });

  it('refunds everything paid (less original shipping on buyer remorse) on an ungraded, uncharged return', () => {
    fc.assert(
      fc.property(refundInput, (generated) => {
        const input: RefundInput = {
          ...generated,
          grades: undefined,
          returnShipping: undefined,
          alreadyRefunded: { amount: 0, currency: generated.currency },
        };
        const expected =
          paidOf(input) - (isSellerFault(input.reason) ? 0 : (input.originalShipping?.amount ?? 0));
        expect(computeRefund(input).amount.amount).toBe(expected);
      }),
      RUNS,
    );
  });
});
