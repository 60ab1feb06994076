import { transition } from '../../domain/lifecycle.js';
import { renderNotification } from '../../domain/notifications/render.js';
import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import { decideOnLatest, type Decision, type NotifyingCommandDeps } from './apply-command.js';
import { notifyOnce } from './notify-once.js';
import { voidUnusedLabel, type VoidLabelDeps } from './void-label.js';

/**
 * The CloseUnshipped step: the ship-by window passed without a parcel. The seller owes nothing more
 * once an authorized item never comes back, so the return is closed (CLOSE_UNSHIPPED) and the buyer is
 * told, once. Decided on the latest return: one closed here by an earlier try only still owes the mail;
 * one closed or cancelled by someone else is left as it is, with nobody to tell. A parcel that is on its
 * way (IN_TRANSIT) is not closed: the transition refuses it, and the run asks a human. The unused label
 * is voided before the buyer is mailed, so a mail that fails (and retries the step) cannot skip it.
 */
export const closeUnshipped = async (
  deps: NotifyingCommandDeps & VoidLabelDeps,
  sellerId: string,
  returnId: string,
): Promise<void> => {
  const ret = await decideOnLatest(deps, sellerId, returnId, (current): Decision<Return | undefined> => {
    if (current.closure?.reason === 'BUYER_DID_NOT_SHIP') return { answer: current };
    if (TERMINAL_STATUSES.includes(current.status)) return { answer: undefined };
    const closed = transition(
      current,
      { type: 'CLOSE_UNSHIPPED' },
      { now: deps.clock.now(), actor: { kind: 'system' } },
    );
    return { write: closed, answerWritten: (written) => written };
  });
  if (!ret) return;
  await voidUnusedLabel(deps, sellerId, returnId);
  const seller = await deps.sellers.get(sellerId);
  const mail = renderNotification(
    {
      kind: 'RETURN_CLOSED',
      rma: ret.rma,
      orderId: ret.orderId,
      reason: 'BUYER_DID_NOT_SHIP',
      sellerName: seller?.name,
    },
    ret.buyer.locale,
  );
  await notifyOnce(deps, ret, 'RETURN_CLOSED', { to: ret.buyer.email, ...mail });
};
