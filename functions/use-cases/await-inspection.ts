import { transition } from '../../domain/lifecycle.js';
import { runWaitingStep, type WaitingStepDeps } from './waiting-step.js';

export type AwaitInspectionDeps = WaitingStepDeps;

/**
 * The AwaitInspection step: the parcel has arrived; the run waits for the warehouse's inspection result
 * from the queue (or goes on at once if it came through already). The buyer learns it was received from
 * the `return.delivered` event.
 */
export const awaitInspection = async (
  deps: AwaitInspectionDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
): Promise<void> => {
  await runWaitingStep(deps, { sellerId, returnId, taskToken }, (current) =>
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
};
