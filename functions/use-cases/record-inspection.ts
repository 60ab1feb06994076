import type { Inspection } from '../../domain/inspection.js';
import { transition } from '../../domain/lifecycle.js';
import type { Clock, ReturnRepository } from '../../domain/ports.js';
import type { Actor, Return } from '../../domain/return.js';
import type { PipelinePort } from '../../domain/ports.js';
import { decideOnLatest, type Decision } from './apply-command.js';

export interface RecordInspectionDeps {
  returns: ReturnRepository;
  clock: Clock;
  pipeline: PipelinePort;
}

export type RecordInspectionOutcome = 'recorded' | 'duplicate';

/** Who records the result, and what they make of a return that is not simply waiting for it. */
export interface InspectionSource {
  actor: Actor;
  /**
   * Decides on the latest return before the transition does: true when it already holds this result (a
   * duplicate), a throw when it is not ready for it; false lets RECORD_INSPECTION decide (and refuse).
   */
  tookBefore(current: Return): boolean;
}

/**
 * Records an inspection result and resumes the run that waits for it, however the result came (the
 * seller's endpoint, the warehouse's queue):
 * 1. on the latest return, the source says whether it took this result before; if not, RECORD_INSPECTION
 *    (refused unless the return waits for an inspection, or a graded SKU is not on it) is written over
 *    that version, decided again on a write conflict;
 * 2. the run waiting at AwaitInspection is resumed with the token on the return written or found, a
 *    duplicate too, in case the first resume failed after the write. A run that parks after the write
 *    finds the return INSPECTED and goes on by itself.
 */
export const recordInspection = async (
  deps: RecordInspectionDeps,
  target: { sellerId: string; returnId: string },
  inspection: Inspection,
  source: InspectionSource,
): Promise<{ outcome: RecordInspectionOutcome; ret: Return }> => {
  const decided = await decideOnLatest(
    deps,
    target.sellerId,
    target.returnId,
    (current): Decision<{ outcome: RecordInspectionOutcome; ret: Return }> => {
      if (source.tookBefore(current)) return { answer: { outcome: 'duplicate', ret: current } };
      const next = transition(
        current,
        { type: 'RECORD_INSPECTION', inspection },
        { now: deps.clock.now(), actor: source.actor },
      );
      return { write: next, answerWritten: (written) => ({ outcome: 'recorded', ret: written }) };
    },
  );
  const token = decided.ret.pipeline?.inspectionToken;
  if (token) await deps.pipeline.resume(token, { inspectedAt: decided.ret.updatedAt });
  return decided;
};
