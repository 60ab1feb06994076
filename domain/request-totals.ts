import type { FieldIssue } from './errors.js';
import type { CreateReturnRequest } from './return-request.js';

const LIMIT = Number.MAX_SAFE_INTEGER;
const RULE = `must keep the return's total at most ${LIMIT} minor units (the largest amount money can hold)`;

/**
 * Every amount the domain will derive from a request (line values, taxes, what was paid, and so every
 * refund, credit and offer, which never exceed it) must stay a safe integer; each amount alone is one.
 * Checked at the edge, in the order the total is summed, so the answer names the amount that first
 * takes it past the limit instead of a RangeError deep in the money code. Empty when it fits.
 */
export function unrepresentableTotalIssues(
  request: Pick<CreateReturnRequest, 'items' | 'originalShipping'>,
): FieldIssue[] {
  let total = 0;
  const addUp = (amount: number, field: string): FieldIssue[] => {
    total += amount;
    return total > LIMIT ? [{ field, rule: RULE }] : [];
  };
  for (const [i, line] of request.items.entries()) {
    const issues = [
      ...addUp(line.unitPrice.amount * line.quantity, `items/${i}/unitPrice/amount`),
      ...addUp(line.tax?.amount ?? 0, `items/${i}/tax/amount`),
    ];
    if (issues.length > 0) return issues;
  }
  return addUp(request.originalShipping?.amount ?? 0, 'originalShipping/amount');
}
