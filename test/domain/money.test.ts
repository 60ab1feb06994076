import { describe, expect, it } from 'vitest';
import {
  CurrencyMismatchError,
  MoneySchema,
  add,
  clampAtZero,
  formatMoney,
  max,
  min,
  minorUnitExponent,
  money,
  multiply,
  percentOf,
  proportion,
  subtract,
  sum,
  type Money,
} from '../../domain/money.js';

const usd = (amount: number): Money => ({ amount, currency: 'USD' });
const jpy = (amount: number): Money => ({ amount, currency: 'JPY' });

describe('money arithmetic', () => {
  it('adds and subtracts in minor units, keeping the currency', () => {
    expect(add(usd(2599), usd(208))).toEqual(usd(2807));
    expect(subtract(usd(2807), usd(808))).toEqual(usd(1999));
    expect(add(jpy(1980), jpy(20))).toEqual(jpy(2000));
  });

  it('lets subtraction go below zero for callers to clamp', () => {
    expect(subtract(usd(100), usd(250))).toEqual(usd(-150));
    expect(clampAtZero(usd(-150))).toEqual(usd(0));
    expect(clampAtZero(usd(5))).toEqual(usd(5));
  });

  it('refuses to mix currencies, naming both', () => {
    expect(() => add(usd(1), jpy(1))).toThrow(CurrencyMismatchError);
    expect(() => subtract(jpy(1), usd(1))).toThrow('currency mismatch: JPY and USD');
    expect(() => sum([usd(1), jpy(1)], 'USD')).toThrow(CurrencyMismatchError);
    expect(() => min(usd(1), jpy(1))).toThrow(CurrencyMismatchError);
    expect(() => max(usd(1), jpy(1))).toThrow(CurrencyMismatchError);
    try {
      add(usd(1), { amount: 1, currency: 'EUR' });
    } catch (e) {
      expect(e).toMatchObject({ name: 'CurrencyMismatchError', left: 'USD', right: 'EUR' });
    }
  });

  it('sums, multiplies and compares', () => {
    expect(sum([usd(1), usd(2), usd(3)], 'USD')).toEqual(usd(6));
    expect(sum([], 'JPY')).toEqual(jpy(0));
    expect(multiply(usd(2599), 3)).toEqual(usd(7797));
    expect(min(usd(5), usd(7))).toEqual(usd(5));
    expect(max(usd(5), usd(7))).toEqual(usd(7));
  });

  it('refuses amounts that are not safe integers', () => {
    expect(() => money(1.5, 'USD')).toThrow(RangeError);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'USD')).toThrow(RangeError);
    expect(() => multiply(usd(Number.MAX_SAFE_INTEGER), 2)).toThrow(RangeError);
    expect(() => multiply(usd(1), 0.5)).toThrow(RangeError);
  });
});

describe('proportion', () => {
  it('rounds half away from zero in integer arithmetic', () => {
    expect(proportion(usd(1000), 1, 3)).toEqual(usd(333)); // 333.33
    expect(proportion(usd(2000), 1, 3)).toEqual(usd(667)); // 666.67
    expect(proportion(usd(5), 1, 2)).toEqual(usd(3)); // 2.5
    expect(proportion(usd(208), 2209, 2599)).toEqual(usd(177)); // 176.79
    expect(proportion(usd(7), 0, 9)).toEqual(usd(0));
  });

  it('rounds negative amounts by magnitude, symmetric with positive ones', () => {
    expect(proportion(usd(-5), 1, 2)).toEqual(usd(-3)); // -2.5
    expect(proportion(usd(-5), 1, 4)).toEqual(usd(-1)); // -1.25
    expect(proportion(usd(-3), 1, 2)).toEqual(usd(-2)); // -1.5
    expect(proportion(usd(5), -1, 4)).toEqual(usd(-1));
  });

  it('keeps precision on the largest amounts (BigInt)', () => {
    expect(proportion(usd(Number.MAX_SAFE_INTEGER), 2, 3)).toEqual(usd(6_004_799_503_160_661));
    expect(proportion(usd(Number.MAX_SAFE_INTEGER), 7, 7)).toEqual(usd(Number.MAX_SAFE_INTEGER));
  });

  it('refuses a zero, negative or fractional ratio part', () => {
    expect(() => proportion(usd(1), 1, 0)).toThrow(RangeError);
    expect(() => proportion(usd(1), 1, -2)).toThrow(RangeError);
    expect(() => proportion(usd(1), 0.5, 2)).toThrow(RangeError);
    expect(() => proportion(usd(1), 1, 2.5)).toThrow(RangeError);
  });
});

describe('percentOf (basis points)', () => {
  it('takes basis points of an amount, rounding half up', () => {
    expect(percentOf(usd(2599), 1500)).toEqual(usd(390)); // 389.85
    expect(percentOf(usd(2599), 5000)).toEqual(usd(1300)); // 1299.5
    expect(percentOf(usd(1000), 1)).toEqual(usd(0)); // 0.1
    expect(percentOf(usd(50), 100)).toEqual(usd(1)); // 0.5
    expect(percentOf(usd(2599), 10_000)).toEqual(usd(2599));
    expect(percentOf(usd(2599), 0)).toEqual(usd(0));
  });

  it('works in whole yen', () => {
    expect(percentOf(jpy(1980), 1000)).toEqual(jpy(198));
    expect(percentOf(jpy(5940), 1500)).toEqual(jpy(891));
    expect(percentOf(jpy(333), 5000)).toEqual(jpy(167)); // 166.5
  });
});

describe('formatMoney', () => {
  it('shows dollars and cents', () => {
    expect(formatMoney(usd(2599), 'en-US')).toBe('$25.99');
    expect(formatMoney(usd(0), 'en-US')).toBe('$0.00');
    expect(formatMoney(usd(123_456_789), 'en-US')).toBe('$1,234,567.89');
  });

  it('shows yen without a minor unit', () => {
    expect(minorUnitExponent('JPY')).toBe(0);
    expect(formatMoney(jpy(1500), 'en-US')).toBe('¥1,500');
    expect(formatMoney(jpy(1500), 'ja-JP')).toBe('￥1,500');
  });

  it("follows the reader's locale", () => {
    expect(formatMoney({ amount: 1000, currency: 'EUR' }, 'de-DE')).toBe('10,00\u00a0€');
    expect(formatMoney({ amount: 1500, currency: 'CAD' }, 'en-US')).toBe('CA$15.00');
  });
});

describe('MoneySchema', () => {
  it('accepts whole non-negative minor units in a known currency', () => {
    expect(MoneySchema.parse({ amount: 2599, currency: 'USD' })).toEqual(usd(2599));
  });

  it('refuses fractions, negatives, unknown currencies and extra fields', () => {
    expect(MoneySchema.safeParse({ amount: 25.99, currency: 'USD' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: -1, currency: 'USD' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: 1, currency: 'XXX' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: 1, currency: 'USD', note: 'x' }).success).toBe(false);
  });
});
