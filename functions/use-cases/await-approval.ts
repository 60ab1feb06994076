import { renderNotification } from '../../domain/notifications/render.js';
import type { SellerRepository } from '../../domain/ports.js';
import type { Status } from '../../domain/return.js';
import { notifyOnce, type NotifyDeps } from './notify-once.js';
import { parkRun, type ParkRunDeps } from './park-run.js';

export interface AwaitApprovalDeps extends ParkRunDeps, NotifyDeps {
  sellers: SellerRepository;
}

/** Approved already: the refund is on its way or done. */
const APPROVED: readonly Status[] = ['REFUND_IN_PROGRESS', 'REFUNDED', 'COMPLETED'];

/**
 * A refund above the high-value threshold waits for a person: park the run until the seller approves
 * (resumed) or rejects (the return closes and the run ends), and e-mail the seller that it waits.
 */
export const awaitApproval = async (
  deps: AwaitApprovalDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
): Promise<void> => {
  const { outcome, ret } = await parkRun(deps, sellerId, returnId, taskToken, {
    isOver: (r) => APPROVED.includes(r.status),
    output: () => ({ approved: true }),
    command: (token) => ({ type: 'AWAIT_APPROVAL', taskToken: token }),
  });
  if (outcome !== 'parked' || !ret.refund) return;
  const seller = await deps.sellers.get(sellerId);
  if (!seller) return;
  const mail = renderNotification(
    { kind: 'REFUND_APPROVAL_REQUIRED', rma: ret.rma, returnId: ret.id, amount: ret.refund.amount },
    seller.locale,
  );
  await notifyOnce(deps, ret, 'REFUND_APPROVAL_REQUIRED', { to: seller.email, ...mail });
};
