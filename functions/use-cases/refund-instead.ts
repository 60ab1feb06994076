import { transition } from '../../domain/lifecycle.js';
import type { Return } from '../../domain/return.js';
import { runStart } from '../pipeline/pipeline-contract.js';
import { decideOnLatest } from './apply-command.js';
import { refundUnderPolicy } from './compute-refund.js';
import { firstRunName, startRun, type StartPipelineDeps } from './start-pipeline.js';

/** The run that pays a replacement's refund: one per return, so a second start is refused by its name. */
export const refundInsteadRunName = (ret: Return): string => `${firstRunName(ret)}-refund-instead`;

/**
 * The replacement cannot be sent; the buyer is refunded instead, exactly once:
 * 1. on the latest return: the refund it is owed (refundUnderPolicy, as ComputeRefund would decide it,
 *    approved by the seller's asking) and REFUND_INSTEAD, which releases the reservation
 *    (REFUND_IN_PROGRESS); a replacement already refunded instead answers the return as it stands, and
 *    one shipped or never requested is refused (409);
 * 2. a run starts at IssueRefund (the normal refund path: the seller's Stripe connection or a manual
 *    payout, under the return's payment key `<returnId>-refund`), named after the return, so racing or
 *    retried calls start it once, and a call after a crash between 1 and 2 starts it.
 */
export const refundInstead = async (
  deps: StartPipelineDeps,
  sellerId: string,
  id: string,
  body: { reason?: string },
  correlationId: string,
): Promise<Return> => {
  const actor = { kind: 'seller', id: sellerId } as const;
  const ret = await decideOnLatest<Return>(deps, sellerId, id, async (current) => {
    if (current.replacement?.status === 'REFUNDED_INSTEAD') return { answer: current };
    const now = deps.clock.now();
    const refund = { ...(await refundUnderPolicy(deps, current, now)), requiresApproval: false };
    return {
      write: transition(current, { type: 'REFUND_INSTEAD', refund, ...body }, { now, actor }),
      answerWritten: (written: Return) => written,
    };
  });
  if (ret.status !== 'REFUND_IN_PROGRESS') return ret;
  return startRun(deps, ret, refundInsteadRunName(ret), {
    sellerId,
    returnId: id,
    correlationId,
    ...runStart('IssueRefund'),
  });
};
