import { secondsUntil } from '../../domain/label-terms.js';
import { transition } from '../../domain/lifecycle.js';
import type { Policy } from '../../domain/policy.js';
import type { Clock, PolicyRepository, ReturnRepository } from '../../domain/ports.js';
import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import type { PipelinePort } from '../../domain/ports.js';
import { runStart, type PipelineInput } from '../pipeline/pipeline-contract.js';
import { countNeedsAttention, logger } from '../shared/observability.js';
import { decideOnLatest, type Decision } from './apply-command.js';

export interface StartPipelineDeps {
  returns: ReturnRepository;
  clock: Clock;
  pipeline: PipelinePort<PipelineInput>;
  /** For the ship-by window of a run that starts at the label. */
  policies: Pick<PolicyRepository, 'get'>;
}

const DAY_SECONDS = 86_400;

/** The first run of a return is named after it, so a duplicate start is refused by Step Functions itself. */
export const firstRunName = (ret: Return): string => ret.id;

/**
 * Where the pipeline picks a return up, from its status: the step that status waits on, and for
 * IssueLabel the ship-by window its state times out on (the policy's, from a label not yet bought;
 * what is left of the label's otherwise). `undefined`: no step waits on that status.
 */
export const resumeInput = async (
  deps: Pick<StartPipelineDeps, 'clock' | 'policies'>,
  ret: Return,
  policy?: Policy,
): Promise<Pick<PipelineInput, 'resumeAt' | 'wait'> | undefined> => {
  switch (ret.status) {
    case 'AUTHORIZED': {
      if (ret.returnless) return runStart('ComputeRefund');
      // Without a policy IssueLabel finds no return address and asks a person; the window is moot.
      const terms = policy ?? (await deps.policies.get(ret.sellerId, ret.marketplace));
      return runStart('IssueLabel', (terms?.shipByDays ?? 1) * DAY_SECONDS);
    }
    case 'LABEL_ISSUED':
    case 'IN_TRANSIT':
      return runStart('IssueLabel', secondsUntil(ret.label!.shipBy, deps.clock.now()));
    case 'DELIVERED':
      return runStart('AwaitInspection');
    case 'INSPECTED':
    case 'REFUND_PENDING_APPROVAL':
      return runStart('ComputeRefund');
    case 'REFUND_IN_PROGRESS':
    case 'REFUND_PENDING_PAYOUT':
    case 'REFUNDED':
      return runStart('IssueRefund');
    default:
      return undefined;
  }
};

/**
 * Starts a run for a return. If the state machine cannot be reached, the return is not left silently
 * stuck: it goes to NEEDS_ATTENTION (step StartPipeline), decided on its latest version, from where the
 * seller's retry starts it again.
 */
export const startRun = async (
  deps: StartPipelineDeps,
  ret: Return,
  name: string,
  input: PipelineInput,
): Promise<Return> => {
  try {
    await deps.pipeline.start(name, input);
    return ret;
  } catch (error) {
    logger.error('pipeline not started', { returnId: ret.id, run: name, error: error as Error });
    const failed = await decideOnLatest(deps, ret.sellerId, ret.id, (current): Decision<Return> => {
      if (current.status === 'NEEDS_ATTENTION' || TERMINAL_STATUSES.includes(current.status)) {
        return { answer: current };
      }
      const next = transition(
        current,
        { type: 'RECORD_STEP_FAILURE', step: 'StartPipeline', error: 'the pipeline could not be started' },
        { now: deps.clock.now(), actor: { kind: 'system' } },
      );
      return { write: next, answerWritten: (written) => written };
    });
    if (failed.status === 'NEEDS_ATTENTION') countNeedsAttention();
    return failed;
  }
};

/**
 * Hands an AUTHORIZED return to the pipeline: at the label, within the policy's ship-by window (give
 * the `policy` when it was read already), or for a returnless refund straight at ComputeRefund (no
 * label, no waits for the carrier or the warehouse).
 */
export const startPipeline = async (
  deps: StartPipelineDeps,
  ret: Return,
  correlationId: string,
  policy?: Policy,
): Promise<Return> => {
  const resume = ret.status === 'AUTHORIZED' ? await resumeInput(deps, ret, policy) : undefined;
  if (!resume) return ret;
  return startRun(deps, ret, firstRunName(ret), {
    sellerId: ret.sellerId,
    returnId: ret.id,
    correlationId,
    ...resume,
  });
};
