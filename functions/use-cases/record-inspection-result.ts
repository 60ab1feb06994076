import { NamedError } from '../../domain/errors.js';
import type { InspectionMessage } from '../../domain/inspection.js';
import { transition } from '../../domain/lifecycle.js';
import type { Clock, ReturnRepository } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import type { PipelinePort } from '../pipeline/pipeline-port.js';
import { decideOnLatest, type Decision } from './apply-command.js';

export interface RecordInspectionDeps {
  returns: ReturnRepository;
  clock: Clock;
  pipeline: PipelinePort;
}

/** The parcel has not arrived yet (the carrier's delivery event is late): the message is retried. */
export class NotYetDeliveredError extends NamedError {}

export type RecordInspectionOutcome = 'recorded' | 'duplicate';

const resume = async (deps: RecordInspectionDeps, ret: Return): Promise<void> => {
  const token = ret.pipeline?.inspectionToken;
  if (token) await deps.pipeline.resume(token, { inspectedAt: ret.updatedAt });
};

/**
 * Records one inspection result from the queue and resumes the run that waits for it:
 * 1. a return that already holds an inspection took this message (or an earlier one) before: it is a
 *    duplicate, and the wait is resumed again in case the first resume failed after the write;
 * 2. a return still on its way is not ready: NotYetDeliveredError, so the queue redelivers the message;
 * 3. otherwise RECORD_INSPECTION as the warehouse, on the version read (re-read on a conflict), then resume.
 * A run that reaches AwaitInspection after the write finds the return INSPECTED and goes on by itself.
 */
export const recordInspectionResult = async (
  deps: RecordInspectionDeps,
  message: InspectionMessage,
): Promise<RecordInspectionOutcome> => {
  const { returnId, sellerId, ...inspection } = message;
  const actor = { kind: 'warehouse' as const, ...(inspection.inspector ? { id: inspection.inspector } : {}) };
  const { outcome, ret } = await decideOnLatest(
    deps,
    sellerId,
    returnId,
    (current): Decision<{ outcome: RecordInspectionOutcome; ret: Return }> => {
      if (current.inspection) return { answer: { outcome: 'duplicate', ret: current } };
      if (current.status === 'LABEL_ISSUED' || current.status === 'IN_TRANSIT') {
        throw new NotYetDeliveredError(`return ${returnId} is ${current.status}; waiting for the delivery`);
      }
      // Any other status refuses the command (IllegalTransitionError): the message goes to the DLQ.
      const next = transition(
        current,
        { type: 'RECORD_INSPECTION', inspection },
        { now: deps.clock.now(), actor },
      );
      return { write: next, answerWritten: (written) => ({ outcome: 'recorded', ret: written }) };
    },
  );
  // A duplicate resumes again too, in case the first resume failed after the write.
  await resume(deps, ret);
  return outcome;
};
