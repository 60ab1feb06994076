import type { Clock, ReturnRepository } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import { transition } from '../../domain/lifecycle.js';
import type { PipelinePort } from '../pipeline/pipeline-port.js';
import type { PipelineInput } from '../pipeline/pipeline-contract.js';
import { countNeedsAttention, logger } from '../shared/observability.js';

export interface StartPipelineDeps {
  returns: ReturnRepository;
  clock: Clock;
  pipeline: PipelinePort;
}

/** The first run of a return is named after it, so a duplicate start is refused by Step Functions itself. */
export const firstRunName = (ret: Return): string => ret.id;

/**
 * Starts a run for a return. If the state machine cannot be reached, the return is not left silently
 * stuck: it goes to NEEDS_ATTENTION (step StartPipeline), from where the seller's retry starts it again.
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
    const failed = transition(
      ret,
      { type: 'STEP_FAILED', step: 'StartPipeline', error: 'the pipeline could not be started' },
      { now: deps.clock.now(), actor: { kind: 'system' } },
    );
    await deps.returns.update(failed);
    countNeedsAttention();
    return failed;
  }
};

/**
 * Hands an AUTHORIZED return to the pipeline: at the label, or for a returnless refund straight at
 * ComputeRefund (no label, no waits for the carrier or the warehouse).
 */
export const startPipeline = async (
  deps: StartPipelineDeps,
  ret: Return,
  correlationId: string,
): Promise<Return> => {
  if (ret.status !== 'AUTHORIZED') return ret;
  return startRun(deps, ret, firstRunName(ret), {
    sellerId: ret.sellerId,
    returnId: ret.id,
    correlationId,
    ...(ret.returnless ? { resumeAt: 'ComputeRefund' as const } : {}),
  });
};
