import { IllegalTransitionError } from '../../domain/errors.js';
import { transition } from '../../domain/lifecycle.js';
import type { PipelinePort } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';
import { finishRefund } from './refund-outcome.js';

/**
 * The seller paid a refund by hand and says so, exactly once:
 * 1. on the latest return: MARK_PAID (REFUNDED, with the payout's reference) from REFUND_PENDING_PAYOUT,
 *    or from NEEDS_ATTENTION when the wait for it ran out; the same payout marked again answers the
 *    return as it stands (idempotent), another one is refused;
 * 2. finishRefund: the disposition applied (once) and the waiting run resumed, so it ends; the
 *    `refund.completed` event of MARK_PAID mails the buyer as for any refund (once).
 */
export const markRefundPaid = async (
  deps: ApplyCommandDeps & { pipeline: PipelinePort },
  sellerId: string,
  id: string,
  payout: { reference: string; paidAt: string },
): Promise<Return> => {
  const actor = { kind: 'seller', id: sellerId } as const;
  const marked = await decideOnLatest<Return>(deps, sellerId, id, (current) => {
    const earlier = current.refund?.payout;
    if (earlier) {
      if (earlier.reference === payout.reference) return { answer: current };
      throw new IllegalTransitionError(current.status, 'MARK_PAID');
    }
    return {
      write: transition(current, { type: 'MARK_PAID', ...payout }, { now: deps.clock.now(), actor }),
      answerWritten: (written: Return) => written,
    };
  });
  return finishRefund(deps, marked, actor);
};
