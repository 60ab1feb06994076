import { IllegalTransitionError, NotFoundError } from '../../domain/errors.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { refundEventSeen } from '../../domain/lifecycle-refund.js';
import type { PipelinePort } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import { countNeedsAttention, countRefundFailed } from '../shared/observability.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';
import { finishRefund } from './refund-outcome.js';

export type RefundEvent = Omit<Extract<LifecycleCommand, { type: 'REFUND_EVENT' }>, 'type'> & {
  sellerId: string;
  returnId: string;
};

export interface RecordRefundEventResult {
  /** `unknown`: no such return for this seller. `ignored`: recorded, changed nothing, or not takeable. */
  outcome: 'accepted' | 'ignored' | 'duplicate' | 'unknown';
  ret?: Return;
}

const PROVIDER = { kind: 'system', id: 'payments' } as const;

/**
 * The payment provider's event about a refund (verified and scoped to the connection's seller by the
 * webhook), decided on the latest return:
 * 1. an event id the return already took is a duplicate: nothing is written;
 * 2. REFUND_EVENT moves the refund forward only (lifecycle-refund.ts); one the return cannot take at
 *    all (closed, say) is ignored;
 * 3. a refund now REFUNDED is finished (the disposition applied, the waiting run resumed); one now
 *    FAILED (also after it had succeeded) lets the waiting run go. Their `refund.completed` and
 *    `refund.failed` events, written with the change, mail the buyer and the seller.
 */
export const recordRefundEvent = async (
  deps: ApplyCommandDeps & { pipeline: PipelinePort },
  event: RefundEvent,
): Promise<RecordRefundEventResult> => {
  const { sellerId, returnId, ...command } = event;
  let result: RecordRefundEventResult;
  try {
    result = await decideOnLatest<RecordRefundEventResult>(deps, sellerId, returnId, (current) => {
      if (refundEventSeen(current, event.eventId)) return { answer: { outcome: 'duplicate', ret: current } };
      let next: Return;
      try {
        next = transition(
          current,
          { type: 'REFUND_EVENT', ...command },
          { now: deps.clock.now(), actor: PROVIDER },
        );
      } catch (error) {
        if (error instanceof IllegalTransitionError) return { answer: { outcome: 'ignored', ret: current } };
        throw error;
      }
      const ignored = next.timeline.at(-1)?.data?.ignored === true;
      return {
        write: next,
        answerWritten: (written): RecordRefundEventResult => ({
          outcome: ignored ? 'ignored' : 'accepted',
          ret: written,
        }),
      };
    });
  } catch (error) {
    if (error instanceof NotFoundError) return { outcome: 'unknown' };
    throw error;
  }
  const ret = result.ret;
  if (result.outcome !== 'accepted' || !ret) return result;
  if (ret.status === 'REFUNDED') return { ...result, ret: await finishRefund(deps, ret, PROVIDER) };
  if (ret.status === 'NEEDS_ATTENTION' && ret.refund?.status === 'FAILED' && command.status === 'FAILED') {
    countRefundFailed();
    countNeedsAttention();
    const token = ret.pipeline?.refundToken;
    if (token) await deps.pipeline.abandon(token, 'the payment provider failed the refund');
  }
  return result;
};
