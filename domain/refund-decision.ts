import { computeRefund } from './refund-calculator.js';
import { committedCredits, remainingCredit, returnCurrency } from './lifecycle-credits.js';
import { acceptedOfferOf } from './conversation.js';
import { withNegotiatedAmount } from './negotiated-refund.js';
import type { Policy } from './policy.js';
import type { Refund } from './refund.js';
import type { Return } from './return.js';

/** The refund's id, and the payment provider's idempotency key: one refund per return, ever. */
export const refundIdOf = (ret: Pick<Return, 'id'>): string => `${ret.id}-refund`;

/**
 * The refund a return is owed, as the pipeline's ComputeRefund records it: the calculator's amount and
 * breakdown from the request, the inspection grades (none for a returnless refund, which refunds in
 * full), the label's cost and payer, the policy's restocking fees and the credits already given. Above
 * the policy's high-value threshold a person must approve it first. An offer the buyer accepted sets
 * the amount instead (NEGOTIATED_ADJUSTMENT), within what remains refundable.
 */
export const decideRefund = (ret: Return, policy: Policy, now: Date): Refund => {
  const currency = returnCurrency(ret);
  const computed = computeRefund({
    lines: ret.items,
    reason: ret.reason,
    ...(ret.originalShipping ? { originalShipping: ret.originalShipping } : {}),
    ...(ret.returnless || !ret.inspection
      ? {}
      : { grades: ret.inspection.lines.map(({ sku, grade }) => ({ sku, grade })) }),
    ...(ret.label?.cost ? { returnShipping: { cost: ret.label.cost, paidBy: ret.label.paidBy } } : {}),
    restockingFees: policy.restockingFees,
    alreadyRefunded: committedCredits(ret),
    currency,
  });
  const offer = acceptedOfferOf(ret);
  const { amount, breakdown } = offer
    ? withNegotiatedAmount(computed, offer, remainingCredit(ret))
    : computed;
  return {
    refundId: refundIdOf(ret),
    status: 'SUBMITTED',
    amount,
    breakdown,
    requiresApproval: amount.amount > policy.highValueApprovalThreshold.amount,
    computedAt: now.toISOString(),
  };
};
