import { isDeliveredOrLater } from '../../domain/lifecycle-tracking.js';
import { parkRun, type ParkRunDeps } from './park-run.js';

export type AwaitCarrierDeps = ParkRunDeps;

/**
 * Parks the run until the carrier reports delivery: the token goes on the return, where the carrier
 * webhook finds it; a parcel delivered before the run got here resumes it at once (see parkRun).
 */
export const awaitCarrier = async (
  deps: AwaitCarrierDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
): Promise<void> => {
  await parkRun(deps, sellerId, returnId, taskToken, {
    isOver: (ret) => isDeliveredOrLater(ret.status),
    output: (ret) => ({ trackingNumber: ret.trackingNumber ?? null }),
    command: (token) => ({ type: 'AWAIT_CARRIER', taskToken: token }),
  });
};
