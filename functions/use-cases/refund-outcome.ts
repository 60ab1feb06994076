import { inventoryAdjustments } from '../../domain/disposition.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import type { Actor, Return } from '../../domain/return.js';
import type { PipelinePort } from '../../domain/ports.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';

/**
 * What every path that ends a refund shares, whoever ended it (IssueRefund itself, the provider's
 * event, the seller's mark-paid): the disposition and the waiting run. The mails follow the events the
 * refund's changes yield (domain/events/event-mails.ts).
 */

/**
 * Records `decide`'s command on the latest return, or nothing when it says none is needed; `from` is the
 * return as the caller last wrote or read it, decided on first (decideOnLatest).
 */
export const recordOnLatest = (
  deps: ApplyCommandDeps,
  ret: Pick<Return, 'sellerId' | 'id'>,
  actor: Actor,
  decide: (current: Return) => LifecycleCommand | undefined,
  from?: Return,
): Promise<Return> =>
  decideOnLatest<Return>(
    deps,
    ret.sellerId,
    ret.id,
    (current) => {
      const command = decide(current);
      if (!command) return { answer: current };
      return {
        write: transition(current, command, { now: deps.clock.now(), actor }),
        answerWritten: (written: Return) => written,
      };
    },
    { from },
  );

/**
 * A REFUNDED return (its `refund.completed` event mails the buyer the breakdown): the disposition is
 * applied (once: COMPLETED), decided first on `ret` as the caller wrote it, and the run waiting on the
 * refund (`taskToken`, or the one on the return), if any, goes on and ends. Safe to run again.
 */
export const finishRefund = async (
  deps: ApplyCommandDeps & { pipeline: PipelinePort },
  ret: Return,
  actor: Actor,
  taskToken?: string,
): Promise<Return> => {
  const done = await recordOnLatest(
    deps,
    ret,
    actor,
    (current) =>
      current.status === 'REFUNDED'
        ? { type: 'APPLY_DISPOSITION', adjustments: inventoryAdjustments(current, deps.clock.now()) }
        : undefined,
    ret,
  );
  const token = taskToken ?? done.pipeline?.refundToken;
  if (token && done.status === 'COMPLETED')
    await deps.pipeline.resume(token, { refundId: done.refund!.refundId });
  return done;
};
