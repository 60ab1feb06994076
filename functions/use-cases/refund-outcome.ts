import { inventoryAdjustments } from '../../domain/disposition.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import type { RefundAction } from '../../domain/notifications/notification.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { Actor, Return } from '../../domain/return.js';
import type { PipelinePort } from '../../domain/ports.js';
import { paymentKeyOf } from '../../domain/refund.js';
import { decideOnLatest, type NotifyingCommandDeps } from './apply-command.js';
import { notifyOnce } from './notify-once.js';

/**
 * What every path that ends a refund shares, whoever ended it (IssueRefund itself, the provider's
 * event, the seller's mark-paid): the mails, the disposition and the waiting run.
 */

/** Records `decide`'s command on the latest return, or nothing when it says none is needed. */
export const recordOnLatest = (
  deps: NotifyingCommandDeps,
  ret: Pick<Return, 'sellerId' | 'id'>,
  actor: Actor,
  decide: (current: Return) => LifecycleCommand | undefined,
): Promise<Return> =>
  decideOnLatest<Return>(deps, ret.sellerId, ret.id, (current) => {
    const command = decide(current);
    if (!command) return { answer: current };
    return {
      write: transition(current, command, { now: deps.clock.now(), actor }),
      answerWritten: (written: Return) => written,
    };
  });

/**
 * A REFUNDED return: the buyer is mailed the breakdown (once), the disposition is applied (once:
 * COMPLETED), and the run waiting on the refund (`taskToken`, or the one on the return), if any, goes on
 * and ends. Safe to run again.
 */
export const finishRefund = async (
  deps: NotifyingCommandDeps & { pipeline: PipelinePort },
  ret: Return,
  actor: Actor,
  taskToken?: string,
): Promise<Return> => {
  await mailRefund(deps, ret);
  const done = await recordOnLatest(deps, ret, actor, (current) =>
    current.status === 'REFUNDED'
      ? { type: 'APPLY_DISPOSITION', adjustments: inventoryAdjustments(current, deps.clock.now()) }
      : undefined,
  );
  const token = taskToken ?? done.pipeline?.refundToken;
  if (token && done.status === 'COMPLETED')
    await deps.pipeline.resume(token, { refundId: done.refund!.refundId });
  return done;
};

const mailRefund = async (deps: NotifyingCommandDeps, ret: Return): Promise<void> => {
  const refund = ret.refund!;
  const mail = renderNotification(
    {
      kind: 'REFUND_ISSUED',
      rma: ret.rma,
      amount: refund.amount,
      breakdown: refund.breakdown.map(({ kind, amount, currency }) => ({ kind, amount, currency })),
    },
    ret.buyer.locale,
  );
  await notifyOnce(deps, ret, 'REFUND_ISSUED', { to: ret.buyer.email, ...mail });
};

/**
 * Mails the seller what the refund needs from them, once per attempt (a refund paid again that fails
 * again is news again).
 */
export const mailSellerAboutRefund = async (
  deps: NotifyingCommandDeps,
  ret: Return,
  action: RefundAction,
): Promise<void> => {
  const seller = await deps.sellers.get(ret.sellerId);
  const refund = ret.refund;
  if (!seller || !refund) return;
  const mail = renderNotification(
    {
      kind: 'REFUND_ACTION_REQUIRED',
      rma: ret.rma,
      returnId: ret.id,
      amount: refund.amount,
      action,
      ...(action === 'REFUND_FAILED' && refund.failureReason
        ? { failureReason: refund.failureReason.slice(0, 500) }
        : {}),
    },
    seller.locale,
  );
  await notifyOnce(deps, ret, `${action}#${paymentKeyOf(refund)}`, { to: seller.email, ...mail });
};
