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
      return ret.returnless ? { resumeAt: 'ComputeRefund' } : {};
    case 'LABEL_ISSUED':
    case 'IN_TRANSIT':
      return { resumeAt: 'WaitForCarrier', wait: { shipBySeconds: secondsUntil(ret.label!.shipBy, now) } };
    case 'DELIVERED':
      return { resumeAt: 'WaitForInspection' };
    case 'INSPECTED':
      return { resumeAt: 'ComputeRefund' };
    case 'REFUND_PENDING_APPROVAL':
      return { resumeAt: 'WaitForApproval' };
    case 'REFUND_IN_PROGRESS':
      return { resumeAt: 'IssueRefund' };
    case 'REFUNDED':
      return { resumeAt: 'ApplyDisposition' };
    default:
      return undefined;
  }
};

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
  const resume = resumePoint(ret, deps.clock.now());
  if (!resume) return ret;
  return startRun(deps, ret, retryRunName(ret), { sellerId, returnId: id, correlationId, ...resume });
};
