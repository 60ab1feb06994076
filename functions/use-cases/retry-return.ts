import { secondsUntil } from '../../domain/label-terms.js';
import type { Return } from '../../domain/return.js';
import type { PipelineInput } from '../pipeline/pipeline-contract.js';
import { applyCommand } from './apply-command.js';
import { firstRunName, startRun, type StartPipelineDeps } from './start-pipeline.js';

/** Each retry is a new run with its own name, so it too can only start once. */
const retryRunName = (ret: Return): string =>
  `${firstRunName(ret)}-retry-${ret.timeline.filter((e) => e.type === 'RETRY').length}`;

/** Where the pipeline picks a return up again, from the status a retry brings it back to. */
const resumePoint = (ret: Return, now: Date): Pick<PipelineInput, 'resumeAt' | 'wait'> | undefined => {
  switch (ret.status) {
    case 'AUTHORIZED':
      return ret.returnless ? undefined : {};
    case 'LABEL_ISSUED':
    case 'IN_TRANSIT':
      return { resumeAt: 'WaitForCarrier', wait: { shipBySeconds: secondsUntil(ret.label!.shipBy, now) } };
    default:
      return undefined;
  }
};

/**
 * The seller re-drives a return that needs attention:
 * 1. RETRY brings it back to where the failed step left it (refused unless it is in NEEDS_ATTENTION);
 * 2. a new run starts there: at the label, or waiting for the carrier with what is left of the ship-by
 *    window. Past the delivery there is nothing in this pipeline to re-run, so no run starts.
 */
export const retryReturn = async (
  deps: StartPipelineDeps,
  sellerId: string,
  id: string,
  correlationId: string,
): Promise<Return> => {
  const ret = await applyCommand(deps, sellerId, id, { type: 'RETRY' }, { kind: 'seller', id: sellerId });
  const resume = resumePoint(ret, deps.clock.now());
  if (!resume) return ret;
  return startRun(deps, ret, retryRunName(ret), { sellerId, returnId: id, correlationId, ...resume });
};
