import { NamedError } from './errors.js';
import * as z from './zod.js';

/** ISO 4217 codes the product trades in, with their minor-unit exponent (JPY has none). */
export const CURRENCY_EXPONENTS = {
  USD: 2,
  CAD: 2,
  MXN: 2,
  GBP: 2,
  EUR: 2,
  JPY: 0,
  AUD: 2,
  SEK: 2,
  PLN: 2,
  BRL: 2,
  INR: 2,
  SGD: 2,
} as const;

export const CurrencySchema = z.enum(Object.keys(CURRENCY_EXPONENTS) as [Currency, ...Currency[]]);
export type Currency = keyof typeof CURRENCY_EXPONENTS;

/** Money is an integer count of minor units plus its currency. No floating point, ever. */
export const MoneySchema = z.strictObject({
  amount: z
    .number()
    .check(z.int('must be a whole number of minor units'))
    .check(z.gte(0, 'must not be negative'))
    .check(z.lte(Number.MAX_SAFE_INTEGER)),
  currency: CurrencySchema,
});
export type Money = z.infer<typeof MoneySchema>;

export class CurrencyMismatchError extends NamedError {
  constructor(
    readonly left: Currency,
    readonly right: Currency,
  ) {
    super(`currency mismatch: ${left} and ${right}`);
  }
}

export const money = (amount: number, currency: Currency): Money => {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
  return { amount, currency };
};

export const zero = (currency: Currency): Money => ({ amount: 0, currency });

const sameCurrency = (a: Money, b: Money): Currency => {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return a.currency;
};

export const add = (a: Money, b: Money): Money => money(a.amount + b.amount, sameCurrency(a, b));

/** Subtraction that may go below zero; callers clamp where the domain forbids negatives. */
export const subtract = (a: Money, b: Money): Money => money(a.amount - b.amount, sameCurrency(a, b));

export const sum = (items: readonly Money[], currency: Currency): Money =>
  items.reduce((acc, m) => add(acc, m), zero(currency));

export const min = (a: Money, b: Money): Money => (sameCurrency(a, b) && a.amount <= b.amount ? a : b);

export const max = (a: Money, b: Money): Money => (sameCurrency(a, b) && a.amount >= b.amount ? a : b);

export const clampAtZero = (m: Money): Money => (m.amount < 0 ? zero(m.currency) : m);

export const multiply = (m: Money, quantity: number): Money => {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`quantity must be an integer, got ${quantity}`);
  return money(m.amount * quantity, m.currency);
};

/**
 * A share of `m` in the ratio numerator/denominator, rounded half away from zero in integer arithmetic
 * (BigInt, so large amounts never lose precision).
 */
export const proportion = (m: Money, numerator: number, denominator: number): Money => {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError(`numerator and denominator must be integers, got ${numerator}/${denominator}`);
  }
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  // Round the magnitude half up, then restore the sign: BigInt division truncates toward zero, so rounding
  // a negative product directly would round -1.25 to 0 and -1.5 to -1.
  const product = BigInt(m.amount) * BigInt(numerator);
  const magnitude = product < 0n ? -product : product;
  const d = BigInt(denominator);
  const rounded = (magnitude * 2n + d) / (2n * d);
  return money(Number(product < 0n ? -rounded : rounded), m.currency);
};

/** A percentage given in basis points (1% = 100 bp), rounded half up. */
export const percentOf = (m: Money, basisPoints: number): Money => proportion(m, basisPoints, 10_000);

export const minorUnitExponent = (currency: Currency): number => CURRENCY_EXPONENTS[currency];

/** Human formatting for e-mails; the stored value stays in minor units. */
export const formatMoney = (m: Money, locale: string): string => {
  const exponent = minorUnitExponent(m.currency);
  const major = m.amount / 10 ** exponent;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(major);
};
