import { formatMoney, min, type Money } from './money.js';
import { remainingCredit } from './lifecycle-credits.js';
import type { Offer } from './conversation.js';
import type { BreakdownLine } from './refund.js';
import type { Return } from './return.js';

interface Computed {
  amount: Money;
  breakdown: BreakdownLine[];
}

/** What may be credited beside the refund itself: what was paid less the concessions that stand. */
export const creditableBesideRefund = (ret: Return): Money => {
  const { refund: _refund, ...withoutRefund } = ret;
  return remainingCredit(withoutRefund);
};

/**
 * The refund once the buyer accepted `offer`: the computed lines stay (they explain what the return
 * was worth), one NEGOTIATED_ADJUSTMENT line takes the total to the offered amount, and that amount is
 * capped by `cap` (what was paid less earlier credits), which the line's explanation then says. Any
 * earlier adjustment is replaced, so applying it again gives the same refund.
 */
export const withNegotiatedAmount = (computed: Computed, offer: Offer, cap: Money): Computed => {
  const lines = computed.breakdown.filter((line) => line.kind !== 'NEGOTIATED_ADJUSTMENT');
  const before = lines.reduce((total, line) => total + line.amount, 0);
  const amount = min(offer.amount, cap);
  const agreed = formatMoney(offer.amount, 'en-US');
  const explanation =
    amount.amount < offer.amount.amount
      ? `Agreed with the buyer (offer ${offer.offerId}): ${agreed}, limited to the ${formatMoney(cap, 'en-US')} that remains refundable.`
      : `Agreed with the buyer (offer ${offer.offerId}): ${agreed} in full settlement.`;
  return {
    amount,
    breakdown: [
      ...lines,
      {
        kind: 'NEGOTIATED_ADJUSTMENT',
        amount: amount.amount - before,
        currency: amount.currency,
        explanation,
      },
    ],
  };
};
