import { transition } from '../../domain/lifecycle.js';
import { renderNotification } from '../../domain/notifications/render.js';
import { notifyOnce, type NotifyDeps } from './notify-once.js';
import { runWaitingStep, type WaitingStepDeps } from './waiting-step.js';

export type AwaitInspectionDeps = WaitingStepDeps & NotifyDeps;

/**
 * The AwaitInspection step: the parcel has arrived; the run waits for the warehouse's inspection result
 * from the queue (or goes on at once if it came through already), and the buyer is told it was received.
 */
export const awaitInspection = async (
  deps: AwaitInspectionDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
): Promise<void> => {
  const { outcome, ret } = await runWaitingStep(deps, { sellerId, returnId, taskToken }, (current) =>
    current.inspection
      ? { outcome: 'goes-on', output: { inspectedAt: current.updatedAt } }
      : {
          outcome: 'waits',
          write: transition(
            current,
            { type: 'AWAIT_INSPECTION', taskToken },
            { now: deps.clock.now(), actor: { kind: 'system' } },
          ),
        },
  );
  if (outcome === 'ended') return;
  const mail = renderNotification({ kind: 'RETURN_RECEIVED', rma: ret.rma }, ret.buyer.locale);
  await notifyOnce(deps, ret, 'RETURN_RECEIVED', { to: ret.buyer.email, ...mail });
};
