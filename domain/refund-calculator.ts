import type { ReturnLine } from './return-request.js';
import type { ReasonCode } from './reason-codes.js';
import type { Grade } from './inspection.js';
import type { Policy } from './policy.js';
import type { BreakdownLine } from './refund.js';
import { isSellerFault } from './reason-codes.js';
import { ValidationError, type FieldIssue } from './errors.js';
import {
  CurrencyMismatchError,
  add,
  formatMoney,
  money,
  multiply,
  percentOf,
  proportion,
  subtract,
  zero,
  type Currency,
  type Money,
} from './money.js';

export interface RefundInput {
  /** From the return request: unitPrice per unit, tax for the whole line. */
  lines: ReturnLine[];
  reason: ReasonCode;
  /** Outbound shipping the buyer paid. */
  originalShipping?: Money;
  /** Inspection grades; absent for a returnless refund. */
  grades?: { sku: string; grade: Grade }[];
  /** The label's cost and who bears it. */
  returnShipping?: { cost: Money; paidBy: 'SELLER' | 'BUYER' };
  restockingFees: Policy['restockingFees'];
  /** Earlier refunds + concessions on this return. */
  alreadyRefunded: Money;
  currency: Currency;
}

export interface RefundComputation {
  amount: Money;
  breakdown: BreakdownLine[];
}

/**
 * The refund for a return, line by line, in integer minor units.
 *
 * Per returned line: an ITEM credit (unit price x quantity); then, by inspection grade, either a DEDUCTION
 * (NOT_RECEIVED or WRONG_ITEM: the whole item amount, whatever the reason) or, on buyer-remorse returns only,
 * a RESTOCKING_FEE (the policy's basis points for that grade, of the item amount); then a TAX credit in
 * proportion to the item amount actually refunded. For the whole return: ORIGINAL_SHIPPING when the reason is
 * the seller's fault, a RETURN_SHIPPING debit when the buyer pays the label, and a CAP line when the total
 * has to be clamped into [0, paid - alreadyRefunded].
 *
 * Decisions made here (not fixed by the design):
 * - `grades` undefined means a returnless refund: no fee, no deduction. When grades are given, every line
 *   must have one and every grade must name a returned SKU, else ValidationError (a typo must not turn into
 *   a full refund, or into none). Lines sharing a SKU share its grade; a SKU graded twice differently is an
 *   error.
 * - A line with a deduction gets no restocking fee (nothing is restocked), so a line never goes below zero.
 * - On buyer-remorse returns DAMAGED and MISSING_PARTS are charged through the policy's restocking fee for
 *   that grade, not an extra deduction; on seller-fault returns they cost the buyer nothing.
 * - The first restocking rule for a grade applies; a fee of 0 adds no line.
 * - A TAX line appears for every line with tax above zero, even when nothing of it is refunded (it says why).
 *   A line whose item amount is zero refunds its tax in full unless it was deducted.
 * - ORIGINAL_SHIPPING is credited in full on seller-fault returns, whatever the grades.
 * - CAP is negative when the total exceeds what remains refundable, and positive when fees and deductions
 *   exceed the credits and the total is raised to zero: a refund never charges the buyer.
 * - Every input amount must be in `currency` (else CurrencyMismatchError) and not negative (else RangeError).
 */
export function computeRefund(input: RefundInput): RefundComputation {
  const { currency, reason } = input;
  const sellerFault = isSellerFault(reason);
  checkMoney(input, currency);
  const gradeBySku = resolveGrades(input.lines, input.grades);

  const breakdown: BreakdownLine[] = [];
  const push = (kind: BreakdownLine['kind'], amount: number, explanation: string, sku?: string): void => {
    breakdown.push({ kind, ...(sku === undefined ? {} : { sku }), amount, currency, explanation });
  };

  let paid = zero(currency);
  for (const line of input.lines) {
    const item = multiply(line.unitPrice, line.quantity);
    const tax = line.tax ?? zero(currency);
    paid = add(add(paid, item), tax);
    push(
      'ITEM',
      item.amount,
      `${line.sku}: ${line.quantity} x ${fmt(line.unitPrice)} = ${fmt(item)}.`,
      line.sku,
    );

    const grade = gradeBySku?.get(line.sku);
    let itemRefunded = item;
    let deducted = false;
    if (grade === 'NOT_RECEIVED' || grade === 'WRONG_ITEM') {
      deducted = true;
      itemRefunded = zero(currency);
      const why =
        grade === 'NOT_RECEIVED'
          ? 'was not received back'
          : 'came back as a different item than the one sold (graded wrong item)';
      push(
        'DEDUCTION',
        -item.amount,
        `${line.sku} ${why}: its full item amount of ${fmt(item)} is deducted.`,
        line.sku,
      );
    } else if (grade !== undefined && !sellerFault) {
      const rule = input.restockingFees.find((r) => r.grade === grade);
      if (rule && rule.feeBasisPoints > 0) {
        const fee = percentOf(item, rule.feeBasisPoints);
        if (fee.amount > 0) {
          itemRefunded = subtract(item, fee);
          push(
            'RESTOCKING_FEE',
            -fee.amount,
            `Restocking fee for ${line.sku}, graded ${words(grade)} on a buyer-remorse return (${words(reason)}): ` +
              `${formatBasisPoints(rule.feeBasisPoints)} of ${fmt(item)} = ${fmt(fee)}.`,
            line.sku,
          );
        }
      }
    }

    if (tax.amount > 0) {
      const taxRefunded =
        item.amount === 0
          ? deducted
            ? zero(currency)
            : tax
          : proportion(tax, itemRefunded.amount, item.amount);
      const explanation =
        taxRefunded.amount === tax.amount
          ? `Tax paid on ${line.sku}: ${fmt(tax)}, refunded in full.`
          : itemRefunded.amount === 0
            ? `Tax paid on ${line.sku}: ${fmt(tax)}; none is refunded because none of the item amount is.`
            : `Tax on ${line.sku}: ${fmt(taxRefunded)} of the ${fmt(tax)} paid, in proportion to the ` +
              `${fmt(itemRefunded)} of ${fmt(item)} item amount refunded.`;
      push('TAX', taxRefunded.amount, explanation, line.sku);
    }
  }

  const originalShipping = input.originalShipping ?? zero(currency);
  paid = add(paid, originalShipping);
  if (sellerFault && originalShipping.amount > 0) {
    push(
      'ORIGINAL_SHIPPING',
      originalShipping.amount,
      `Original shipping of ${fmt(originalShipping)} refunded because the return reason (${words(reason)}) is the seller's fault.`,
    );
  }

  if (
    input.returnShipping &&
    input.returnShipping.paidBy === 'BUYER' &&
    input.returnShipping.cost.amount > 0
  ) {
    const { cost } = input.returnShipping;
    push(
      'RETURN_SHIPPING',
      -cost.amount,
      `Return label of ${fmt(cost)}, paid by the buyer on a ${words(reason)} return, is deducted from the refund.`,
    );
  }

  const total = money(
    breakdown.reduce((acc, l) => acc + l.amount, 0),
    currency,
  );
  const remaining = subtract(paid, input.alreadyRefunded);
  const ceiling = Math.max(0, remaining.amount);
  const amount = Math.min(Math.max(total.amount, 0), ceiling);
  if (amount !== total.amount) {
    const explanation =
      total.amount < 0
        ? `Raised to zero: the fees and deductions exceed the credits by ${fmt(money(-total.amount, currency))}, ` +
          'and a refund never charges the buyer.'
        : remaining.amount <= 0
          ? `Nothing remains refundable: ${fmt(paid)} was paid and ${fmt(input.alreadyRefunded)} has already been refunded.`
          : `Limited to ${fmt(remaining)}, what remains refundable: ${fmt(paid)} paid less ` +
            `${fmt(input.alreadyRefunded)} already refunded.`;
    push('CAP', amount - total.amount, explanation);
  }

  return { amount: money(amount, currency), breakdown };
}

/** Every amount must be in the refund's currency and not negative. */
const checkMoney = (input: RefundInput, currency: Currency): void => {
  const amounts: Money[] = [
    input.alreadyRefunded,
    ...(input.originalShipping ? [input.originalShipping] : []),
    ...(input.returnShipping ? [input.returnShipping.cost] : []),
    ...input.lines.flatMap((l) => (l.tax ? [l.unitPrice, l.tax] : [l.unitPrice])),
  ];
  for (const m of amounts) {
    if (m.currency !== currency) throw new CurrencyMismatchError(currency, m.currency);
    if (!Number.isSafeInteger(m.amount) || m.amount < 0) {
      throw new RangeError(`amounts must be non-negative whole minor units, got ${m.amount}`);
    }
  }
};

const resolveGrades = (
  lines: readonly ReturnLine[],
  grades: RefundInput['grades'],
): Map<string, Grade> | undefined => {
  if (grades === undefined) return undefined;
  const skus = new Set(lines.map((l) => l.sku));
  const bySku = new Map<string, Grade>();
  const issues: FieldIssue[] = [];
  grades.forEach(({ sku, grade }, i) => {
    const earlier = bySku.get(sku);
    if (!skus.has(sku))
      issues.push({ field: `grades/${i}/sku`, rule: `must be a SKU of the return, got ${sku}` });
    else if (earlier !== undefined && earlier !== grade) {
      issues.push({
        field: `grades/${i}/grade`,
        rule: `conflicts with grade ${earlier} given earlier for ${sku}`,
      });
    } else bySku.set(sku, grade);
  });
  for (const sku of skus) {
    if (!bySku.has(sku)) {
      issues.push({ field: 'grades', rule: `must include a grade for SKU ${sku}` });
    }
  }
  if (issues.length > 0)
    throw new ValidationError('the inspection grades do not match the returned lines', issues);
  return bySku;
};

const fmt = (m: Money): string => formatMoney(m, 'en-US');

/** DAMAGED_IN_TRANSIT -> damaged in transit */
const words = (code: string): string => code.toLowerCase().replaceAll('_', ' ');

/** 1500 -> 15%, 1250 -> 12.5% (display only; the fee itself is computed in integers). */
const formatBasisPoints = (bp: number): string => `${bp / 100}%`;
