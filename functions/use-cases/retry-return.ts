import type { Return } from '../../domain/return.js';
import { applyCommand } from './apply-command.js';
import { firstRunName, resumeInput, startRun, type StartPipelineDeps } from './start-pipeline.js';

/** Each retry is a new run with its own name, so it too can only start once. */
const retryRunName = (ret: Return): string =>
  `${firstRunName(ret)}-retry-${ret.timeline.filter((e) => e.type === 'RETRY').length}`;

/**
 * The seller re-drives a return that needs attention:
 * 1. RETRY brings it back to where the failed step left it (refused unless it is in NEEDS_ATTENTION);
 * 2. a new run starts at the step that status waits on: the label, the carrier (with what is left of the
 *    ship-by window), the inspection, the refund's computation, its approval, its payment (keyed by the
 *    return, so a retry never pays twice) or the disposition.
 */
export const retryReturn = async (
  deps: StartPipelineDeps,
  sellerId: string,
  id: string,
  correlationId: string,
): Promise<Return> => {
  const ret = await applyCommand(deps, sellerId, id, { type: 'RETRY' }, { kind: 'seller', id: sellerId });
  const resume = await resumeInput(deps, ret);
  if (!resume) return ret;
  return startRun(deps, ret, retryRunName(ret), { sellerId, returnId: id, correlationId, ...resume });
};
