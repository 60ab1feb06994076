import { transition } from '../../domain/lifecycle.js';
import type { PolicyRepository } from '../../domain/ports.js';
import { DEFAULT_PAYOUT_LIMIT_BUSINESS_DAYS, refundWaitVerdict } from '../../domain/refund-wait.js';
import { RefundOverdueError } from '../pipeline/pipeline-contract.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';

export interface CheckRefundWaitDeps extends ApplyCommandDeps {
  policies: Pick<PolicyRepository, 'get'>;
}

/**
 * The CheckRefundWait step, when IssueRefund's wait times out (every REFUND_CHECK_SECONDS), decided on
 * the latest return: a refund owed by hand for 2 business days is reminded to the seller (REFUND_REMINDER
 * on the timeline, whose `refund.payout_reminder` event mails the seller, once); one past its limit
 * throws RefundOverdueError, which the state machine records as NEEDS_ATTENTION; anything else goes back to IssueRefund, which waits again (or
 * finishes a refund that was paid meanwhile).
 */
export const checkRefundWait = async (
  deps: CheckRefundWaitDeps,
  sellerId: string,
  returnId: string,
): Promise<void> => {
  await decideOnLatest(deps, sellerId, returnId, async (current) => {
    const policy = await deps.policies.get(current.sellerId, current.marketplace);
    const limit = policy?.payoutLimitBusinessDays ?? DEFAULT_PAYOUT_LIMIT_BUSINESS_DAYS;
    const now = deps.clock.now();
    const verdict = refundWaitVerdict(current, now, limit);
    if (verdict === 'overdue') {
      throw new RefundOverdueError(
        current.status === 'REFUND_PENDING_PAYOUT'
          ? `the refund was not marked paid within ${limit} business days`
          : 'the payment provider has not settled the refund in time',
      );
    }
    if (verdict !== 'remind') return { answer: undefined };
    const next = transition(current, { type: 'REFUND_REMINDER' }, { now, actor: { kind: 'system' } });
    return { write: next, answerWritten: () => undefined };
  });
};
