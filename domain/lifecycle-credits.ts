import { add, multiply, subtract, sum, zero, type Currency, type Money } from './money.js';
import { marketplaceCurrency } from './marketplaces.js';
import { ValidationError } from './errors.js';
import type { Return } from './return.js';

/**
 * What the buyer paid and what has been credited back, so that refunds and concessions together never
 * exceed what was paid.
 */

export const returnCurrency = (ret: Return): Currency => marketplaceCurrency(ret.marketplace);

/** What the buyer paid for the returned lines: unit price x quantity plus tax per line, plus outbound shipping. */
export function totalPaid(ret: Return): Money {
  const currency = returnCurrency(ret);
  const lines = ret.items.map((line) =>
    add(multiply(line.unitPrice, line.quantity), line.tax ?? zero(currency)),
  );
  return sum([...lines, ret.originalShipping ?? zero(currency)], currency);
}

/**
 * Credits given or on their way: the refund (unless a human rejected it, which closes the return with
 * reason REFUND_REJECTED) plus every concession that has not failed.
 */
export function committedCredits(ret: Return): Money {
  const currency = returnCurrency(ret);
  const refund = ret.refund && ret.closure?.reason !== 'REFUND_REJECTED' ? [ret.refund.amount] : [];
  const concessions = ret.concessions.filter((c) => c.status !== 'FAILED').map((c) => c.amount);
  return sum([...refund, ...concessions], currency);
}

/** How much more may still be credited; never below zero. */
export function remainingCredit(ret: Return): Money {
  const left = subtract(totalPaid(ret), committedCredits(ret));
  return left.amount < 0 ? zero(left.currency) : left;
}

/**
 * Refuses a new credit in the wrong currency or one that would take refunds plus concessions above what
 * was paid. `field` names the failing field for the problem+json answer.
 */
export function assertCreditFits(ret: Return, credit: Money, field: string): void {
  const currency = returnCurrency(ret);
  if (credit.currency !== currency) {
    throw new ValidationError(`credit must be in ${currency}, the currency of the return`, [
      { field: `${field}/currency`, rule: `must be ${currency}` },
    ]);
  }
  const left = remainingCredit(ret);
  if (credit.amount > left.amount) {
    throw new ValidationError(
      `refunds and concessions would exceed what was paid: at most ${left.amount} ${currency} minor units remain`,
      [{ field, rule: `must be at most ${left.amount} (what was paid less refunds and concessions so far)` }],
    );
  }
}
