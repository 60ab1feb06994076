import { NotFoundError } from '../../domain/errors.js';
import { TERMINAL_STATUSES } from '../../domain/return.js';
import { renderNotification } from '../../domain/notifications/render.js';
import { applyCommand, type NotifyingCommandDeps } from './apply-command.js';
import { sendSafely } from './send-safely.js';

/**
 * The ship-by window passed without a parcel: the seller owes nothing more once an authorized item never
 * comes back, so the return is closed (BUYER_DID_NOT_SHIP) and the buyer is told. A return already closed
 * (by this step before, or by the seller) is left as it is. A parcel that is on its way (IN_TRANSIT) is not closed: the
 * transition refuses it, and the run asks a human.
 */
export const closeUnshippedReturn = async (
  deps: NotifyingCommandDeps,
  sellerId: string,
  returnId: string,
): Promise<void> => {
  const current = await deps.returns.get(sellerId, returnId);
  if (!current) throw new NotFoundError(`return ${returnId}`);
  // Closed or cancelled meanwhile (or by an earlier try of this step): nothing is left to close.
  if (TERMINAL_STATUSES.includes(current.status)) return;
  const ret = await applyCommand(deps, sellerId, returnId, { type: 'SHIP_BY_EXPIRED' }, { kind: 'system' });
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
  await sendSafely(deps.mailer, { to: ret.buyer.email, ...mail }, { returnId, kind: 'RETURN_CLOSED' });
};
