import { describe, expect, it } from 'vitest';
import { computeRefund, type RefundInput } from '../../domain/refund-calculator.js';
import { BreakdownLineSchema, type BreakdownLine } from '../../domain/refund.js';
import { CurrencyMismatchError, type Money } from '../../domain/money.js';
import { ValidationError } from '../../domain/errors.js';
import type { ReturnLine } from '../../domain/return-request.js';

const usd = (amount: number): Money => ({ amount, currency: 'USD' });
const jpy = (amount: number): Money => ({ amount, currency: 'JPY' });

const line = (over: Partial<ReturnLine> = {}): ReturnLine => ({
  sku: 'SKU-1',
  category: 'electronics',
  quantity: 1,
  unitPrice: usd(2599),
  tax: usd(208),
  ...over,
});

/** The default policy's fees: OPENED 0%, USED 15%, DAMAGED and MISSING_PARTS 50%. */
const defaultFees: RefundInput['restockingFees'] = [
  { grade: 'OPENED', feeBasisPoints: 0 },
  { grade: 'USED', feeBasisPoints: 1500 },
  { grade: 'DAMAGED', feeBasisPoints: 5000 },
  { grade: 'MISSING_PARTS', feeBasisPoints: 5000 },
];

const input = (over: Partial<RefundInput> = {}): RefundInput => ({
  lines: [line()],
  reason: 'DEFECTIVE',
  grades: [{ sku: 'SKU-1', grade: 'AS_NEW' }],
  restockingFees: defaultFees,
  alreadyRefunded: usd(0),
  currency: 'USD',
  ...over,
});

const amounts = (breakdown: BreakdownLine[]) => breakdown.map((l) => [l.kind, l.amount]);
const total = (breakdown: BreakdownLine[]) => breakdown.reduce((acc, l) => acc + l.amount, 0);

describe('computeRefund: seller-fault returns', () => {
  it('refunds item, tax and original shipping; a seller-paid label costs the buyer nothing', () => {
    const result = computeRefund(
      input({ originalShipping: usd(499), returnShipping: { cost: usd(750), paidBy: 'SELLER' } }),
    );

    expect(result.amount).toEqual(usd(3306));
    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 2599],
      ['TAX', 208],
      ['ORIGINAL_SHIPPING', 499],
    ]);
    expect(result.breakdown.map((l) => l.explanation)).toEqual([
      'SKU-1: 1 x $25.99 = $25.99.',
      'Tax paid on SKU-1: $2.08, refunded in full.',
      "Original shipping of $4.99 refunded because the return reason (defective) is the seller's fault.",
    ]);
    expect(result.breakdown[0]).toMatchObject({ sku: 'SKU-1', currency: 'USD' });
    expect(result.breakdown[2]).not.toHaveProperty('sku');
    for (const l of result.breakdown) expect(BreakdownLineSchema.parse(l)).toEqual(l);
  });

  it('charges no restocking fee and no deduction for DAMAGED or MISSING_PARTS: the seller caused it', () => {
    for (const grade of ['DAMAGED', 'MISSING_PARTS', 'USED'] as const) {
      const result = computeRefund(
        input({ reason: 'DAMAGED_IN_TRANSIT', grades: [{ sku: 'SKU-1', grade }] }),
      );
      expect(result.amount).toEqual(usd(2807));
      expect(amounts(result.breakdown)).toEqual([
        ['ITEM', 2599],
        ['TAX', 208],
      ]);
    }
  });

  it('still deducts an item that was not received back, while refunding original shipping', () => {
    const result = computeRefund(
      input({ grades: [{ sku: 'SKU-1', grade: 'NOT_RECEIVED' }], originalShipping: usd(499) }),
    );
    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 2599],
      ['DEDUCTION', -2599],
      ['TAX', 0],
      ['ORIGINAL_SHIPPING', 499],
    ]);
    expect(result.amount).toEqual(usd(499));
    expect(result.breakdown[1]?.explanation).toBe(
      'SKU-1 was not received back: its full item amount of $25.99 is deducted.',
    );
    expect(result.breakdown[2]?.explanation).toBe(
      'Tax paid on SKU-1: $2.08; none is refunded because none of the item amount is.',
    );
  });
});

describe('computeRefund: buyer-remorse returns', () => {
  it('takes the restocking fee for the grade, keeps tax proportional, and charges a buyer-paid label', () => {
    // fee = 15% of 2599 = 389.85 -> 390; item refunded 2209; tax = 208 x 2209 / 2599 = 176.79 -> 177
    const result = computeRefund(
      input({
        reason: 'NO_LONGER_NEEDED',
        grades: [{ sku: 'SKU-1', grade: 'USED' }],
        originalShipping: usd(499),
        returnShipping: { cost: usd(750), paidBy: 'BUYER' },
      }),
    );

    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 2599],
      ['RESTOCKING_FEE', -390],
      ['TAX', 177],
      ['RETURN_SHIPPING', -750],
    ]);
    expect(result.amount).toEqual(usd(1636));
    expect(result.breakdown.map((l) => l.explanation)).toEqual([
      'SKU-1: 1 x $25.99 = $25.99.',
      'Restocking fee for SKU-1, graded used on a buyer-remorse return (no longer needed): 15% of $25.99 = $3.90.',
      'Tax on SKU-1: $1.77 of the $2.08 paid, in proportion to the $22.09 of $25.99 item amount refunded.',
      'Return label of $7.50, paid by the buyer on a no longer needed return, is deducted from the refund.',
    ]);
  });

  it('charges the policy fee for DAMAGED (50%: 1299.5 -> 1300) instead of an extra deduction', () => {
    const result = computeRefund(
      input({ reason: 'CHANGED_MIND', grades: [{ sku: 'SKU-1', grade: 'DAMAGED' }] }),
    );
    // item refunded 1299; tax = 208 x 1299 / 2599 = 103.96 -> 104
    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 2599],
      ['RESTOCKING_FEE', -1300],
      ['TAX', 104],
    ]);
    expect(result.amount).toEqual(usd(1403));
  });

  it('adds no line for a 0% fee and none for a grade the policy has no rule for', () => {
    for (const grade of ['OPENED', 'AS_NEW'] as const) {
      const result = computeRefund(input({ reason: 'BETTER_PRICE', grades: [{ sku: 'SKU-1', grade }] }));
      expect(amounts(result.breakdown)).toEqual([
        ['ITEM', 2599],
        ['TAX', 208],
      ]);
    }
  });

  it('does not credit original shipping', () => {
    const result = computeRefund(input({ reason: 'ORDERED_BY_MISTAKE', originalShipping: usd(499) }));
    expect(result.breakdown.some((l) => l.kind === 'ORIGINAL_SHIPPING')).toBe(false);
    expect(result.amount).toEqual(usd(2807));
  });

  it('deducts a wrong item in full and then charges no restocking fee on it', () => {
    const result = computeRefund(
      input({
        reason: 'CHANGED_MIND',
        grades: [{ sku: 'SKU-1', grade: 'WRONG_ITEM' }],
        restockingFees: [...defaultFees, { grade: 'WRONG_ITEM', feeBasisPoints: 2000 }],
      }),
    );
    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 2599],
      ['DEDUCTION', -2599],
      ['TAX', 0],
    ]);
    expect(result.amount).toEqual(usd(0));
    expect(result.breakdown[1]?.explanation).toBe(
      'SKU-1 came back as a different item than the one sold (graded wrong item): its full item amount of $25.99 is deducted.',
    );
  });

  it('grades each line on its own, with quantities', () => {
    const result = computeRefund(
      input({
        reason: 'NO_LONGER_NEEDED',
        lines: [
          line({ sku: 'MUG', quantity: 3, unitPrice: usd(1000), tax: usd(240) }),
          line({ sku: 'LAMP', quantity: 1, unitPrice: usd(4500), tax: undefined }),
        ],
        grades: [
          { sku: 'MUG', grade: 'USED' },
          { sku: 'LAMP', grade: 'NOT_RECEIVED' },
        ],
      }),
    );
    // MUG: 3000 - 450 fee = 2550 refunded; tax 240 x 2550/3000 = 204. LAMP: 4500 - 4500, no tax line.
    expect(result.breakdown.map((l) => [l.kind, l.sku, l.amount])).toEqual([
      ['ITEM', 'MUG', 3000],
      ['RESTOCKING_FEE', 'MUG', -450],
      ['TAX', 'MUG', 204],
      ['ITEM', 'LAMP', 4500],
      ['DEDUCTION', 'LAMP', -4500],
    ]);
    expect(result.breakdown[0]?.explanation).toBe('MUG: 3 x $10.00 = $30.00.');
    expect(result.amount).toEqual(usd(2754));
  });

  it('rounds fees half up in integer minor units (50% of 3 cents is 2 cents)', () => {
    const result = computeRefund(
      input({
        reason: 'CHANGED_MIND',
        lines: [line({ unitPrice: usd(3), tax: usd(1) })],
        grades: [{ sku: 'SKU-1', grade: 'DAMAGED' }],
      }),
    );
    // fee 1.5 -> 2, item refunded 1, tax 1 x 1/3 = 0.33 -> 0
    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 3],
      ['RESTOCKING_FEE', -2],
      ['TAX', 0],
    ]);
    expect(result.amount).toEqual(usd(1));
  });

  it('applies the first restocking rule when the policy lists a grade twice', () => {
    const result = computeRefund(
      input({
        reason: 'CHANGED_MIND',
        grades: [{ sku: 'SKU-1', grade: 'USED' }],
        restockingFees: [
          { grade: 'USED', feeBasisPoints: 1000 },
          { grade: 'USED', feeBasisPoints: 9000 },
        ],
      }),
    );
    expect(result.breakdown[1]).toMatchObject({ kind: 'RESTOCKING_FEE', amount: -260 });
  });
});

describe('computeRefund: returnless refunds', () => {
  it('refunds everything without fees or deductions when there are no grades', () => {
    const result = computeRefund(
      input({
        reason: 'CHANGED_MIND',
        grades: undefined,
        restockingFees: [{ grade: 'AS_NEW', feeBasisPoints: 2000 }],
      }),
    );
    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 2599],
      ['TAX', 208],
    ]);
    expect(result.amount).toEqual(usd(2807));
  });
});

describe('computeRefund: clamping', () => {
  it('never charges the buyer: a negative total is raised to zero with a positive CAP line', () => {
    const result = computeRefund(
      input({
        reason: 'CHANGED_MIND',
        grades: [{ sku: 'SKU-1', grade: 'NOT_RECEIVED' }],
        returnShipping: { cost: usd(750), paidBy: 'BUYER' },
      }),
    );
    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 2599],
      ['DEDUCTION', -2599],
      ['TAX', 0],
      ['RETURN_SHIPPING', -750],
      ['CAP', 750],
    ]);
    expect(result.amount).toEqual(usd(0));
    expect(result.breakdown.at(-1)?.explanation).toBe(
      'Raised to zero: the fees and deductions exceed the credits by $7.50, and a refund never charges the buyer.',
    );
  });

  it('never refunds more than was paid less earlier refunds', () => {
    // paid = 2599 + 208 + 499 = 3306; already refunded 1000 -> at most 2306
    const result = computeRefund(input({ originalShipping: usd(499), alreadyRefunded: usd(1000) }));
    expect(result.amount).toEqual(usd(2306));
    expect(result.breakdown.at(-1)).toEqual({
      kind: 'CAP',
      amount: -1000,
      currency: 'USD',
      explanation: 'Limited to $23.06, what remains refundable: $33.06 paid less $10.00 already refunded.',
    });
    expect(total(result.breakdown)).toBe(2306);
  });

  it('refunds nothing once earlier refunds cover what was paid', () => {
    const result = computeRefund(input({ alreadyRefunded: usd(5000) }));
    expect(result.amount).toEqual(usd(0));
    expect(result.breakdown.at(-1)).toMatchObject({ kind: 'CAP', amount: -2807 });
    expect(result.breakdown.at(-1)?.explanation).toBe(
      'Nothing remains refundable: $28.07 was paid and $50.00 has already been refunded.',
    );
  });

  it('adds no CAP line when the total fits', () => {
    const result = computeRefund(input({ alreadyRefunded: usd(0) }));
    expect(result.breakdown.some((l) => l.kind === 'CAP')).toBe(false);
    const exactlyRemaining = computeRefund(input({ alreadyRefunded: usd(0), originalShipping: usd(100) }));
    expect(exactlyRemaining.amount).toEqual(usd(2907));
    expect(exactlyRemaining.breakdown.some((l) => l.kind === 'CAP')).toBe(false);
  });
});

describe('computeRefund: JPY (no minor unit)', () => {
  it('computes in whole yen', () => {
    // item 3 x 1980 = 5940; fee 15% = 891; refunded 5049; tax 594 x 5049 / 5940 = 504.9 -> 505
    const result = computeRefund({
      lines: [line({ quantity: 3, unitPrice: jpy(1980), tax: jpy(594) })],
      reason: 'NO_LONGER_NEEDED',
      grades: [{ sku: 'SKU-1', grade: 'USED' }],
      returnShipping: { cost: jpy(800), paidBy: 'BUYER' },
      restockingFees: defaultFees,
      alreadyRefunded: jpy(0),
      currency: 'JPY',
    });
    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 5940],
      ['RESTOCKING_FEE', -891],
      ['TAX', 505],
      ['RETURN_SHIPPING', -800],
    ]);
    expect(result.amount).toEqual(jpy(4754));
    expect(result.breakdown.every((l) => l.currency === 'JPY')).toBe(true);
    expect(result.breakdown[0]?.explanation).toBe('SKU-1: 3 x ¥1,980 = ¥5,940.');
    expect(result.breakdown[1]?.explanation).toContain('15% of ¥5,940 = ¥891.');
  });
});

describe('computeRefund: refusals', () => {
  it('refuses mixed currencies anywhere in the input', () => {
    const eur = { amount: 100, currency: 'EUR' } as const;
    expect(() => computeRefund(input({ lines: [line({ tax: eur })] }))).toThrow(CurrencyMismatchError);
    expect(() => computeRefund(input({ lines: [line({ unitPrice: eur })] }))).toThrow(CurrencyMismatchError);
    expect(() => computeRefund(input({ originalShipping: eur }))).toThrow(CurrencyMismatchError);
    expect(() => computeRefund(input({ returnShipping: { cost: eur, paidBy: 'SELLER' } }))).toThrow(
      CurrencyMismatchError,
    );
    expect(() => computeRefund(input({ alreadyRefunded: eur }))).toThrow(CurrencyMismatchError);
    expect(() => computeRefund(input({ currency: 'EUR', alreadyRefunded: eur }))).toThrow(
      'currency mismatch: EUR and USD',
    );
  });

  it('refuses negative amounts', () => {
    expect(() => computeRefund(input({ alreadyRefunded: usd(-1) }))).toThrow(RangeError);
  });

  it('refuses grades that do not match the returned lines, naming each problem', () => {
    const lines = [line({ sku: 'A' }), line({ sku: 'B' })];
    let error: unknown;
    try {
      computeRefund(
        input({
          lines,
          grades: [
            { sku: 'A', grade: 'AS_NEW' },
            { sku: 'A', grade: 'USED' },
            { sku: 'TYPO', grade: 'AS_NEW' },
          ],
        }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: 'grades/1/grade', rule: 'conflicts with grade AS_NEW given earlier for A' },
      { field: 'grades/2/sku', rule: 'must be a SKU of the return, got TYPO' },
      { field: 'grades', rule: 'must include a grade for SKU B' },
    ]);
  });

  it('accepts the same grade repeated for one SKU, and applies it to every line with that SKU', () => {
    const result = computeRefund(
      input({
        reason: 'CHANGED_MIND',
        lines: [line({ sku: 'A', tax: undefined }), line({ sku: 'A', unitPrice: usd(1000), tax: undefined })],
        grades: [
          { sku: 'A', grade: 'USED' },
          { sku: 'A', grade: 'USED' },
        ],
      }),
    );
    expect(amounts(result.breakdown)).toEqual([
      ['ITEM', 2599],
      ['RESTOCKING_FEE', -390],
      ['ITEM', 1000],
      ['RESTOCKING_FEE', -150],
    ]);
  });
});
