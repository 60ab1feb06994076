import { NotFoundError } from '../../domain/errors.js';
import { TERMINAL_STATUSES } from '../../domain/return.js';
import { renderNotification } from '../../domain/notifications/render.js';
import { applyCommand, type NotifyingCommandDeps } from './apply-command.js';
import { notifyOnce } from './notify-once.js';

/**
 * The ship-by window passed without a parcel: the seller owes nothing more once an authorized item never
 * comes back, so the return is closed (BUYER_DID_NOT_SHIP) and the buyer is told, once. A return closed
 * or cancelled by someone else is left as it is. A parcel that is on its way (IN_TRANSIT) is not closed: the
 * transition refuses it, and the run asks a human.
 */
export const closeUnshippedReturn = async (
  deps: NotifyingCommandDeps,
  sellerId: string,
  returnId: string,
): Promise<void> => {
  const current = await deps.returns.get(sellerId, returnId);
  if (!current) throw new NotFoundError(`return ${returnId}`);
  const closedHere = current.closure?.reason === 'BUYER_DID_NOT_SHIP';
  // Closed or cancelled meanwhile by someone else: nothing is left to close, nobody to tell.
  if (TERMINAL_STATUSES.includes(current.status) && !closedHere) return;
  // Closed by an earlier try of this step: only the mail may still be owed.
  const ret = closedHere
    ? current
    : await applyCommand(deps, sellerId, returnId, { type: 'SHIP_BY_EXPIRED' }, { kind: 'system' });
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
