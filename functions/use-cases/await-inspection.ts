import { renderNotification } from '../../domain/notifications/render.js';
import type { NotifyDeps } from './notify-once.js';
import { notifyOnce } from './notify-once.js';
import { parkRun, type ParkRunDeps } from './park-run.js';

export type AwaitInspectionDeps = ParkRunDeps & NotifyDeps;

/**
 * The parcel has arrived: park the run until the warehouse's inspection result comes through the
 * queue (or went through already: the run goes on at once), and tell the buyer it was received.
 */
export const awaitInspection = async (
  deps: AwaitInspectionDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
): Promise<void> => {
  const { outcome, ret } = await parkRun(deps, sellerId, returnId, taskToken, {
    isOver: (r) => r.inspection !== undefined,
    output: (r) => ({ inspectedAt: r.updatedAt }),
    command: (token) => ({ type: 'AWAIT_INSPECTION', taskToken: token }),
  });
  if (outcome === 'abandoned') return;
  const mail = renderNotification({ kind: 'RETURN_RECEIVED', rma: ret.rma }, ret.buyer.locale);
  await notifyOnce(deps, ret, 'RETURN_RECEIVED', { to: ret.buyer.email, ...mail });
};
