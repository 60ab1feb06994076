import { NamedError } from '../../domain/errors.js';
import type { InspectionMessage } from '../../domain/inspection.js';
import {
  recordInspection,
  type RecordInspectionDeps,
  type RecordInspectionOutcome,
} from './record-inspection.js';

/** The parcel has not arrived yet (the carrier's delivery event is late): the message is retried. */
export class NotYetDeliveredError extends NamedError {}

/**
 * Records one inspection result from the warehouse's queue (recordInspection), which delivers at least
 * once and may run ahead of the carrier:
 * - a return that already holds an inspection took this message (or an earlier one) before: a duplicate;
 * - a return still on its way is not ready: NotYetDeliveredError, so the queue redelivers the message;
 * - any other status refuses the command (IllegalTransitionError): the message goes to the DLQ.
 */
export const recordInspectionResult = async (
  deps: RecordInspectionDeps,
  message: InspectionMessage,
): Promise<RecordInspectionOutcome> => {
  const { returnId, sellerId, ...inspection } = message;
  const { outcome } = await recordInspection(deps, { sellerId, returnId }, inspection, {
    actor: { kind: 'warehouse', ...(inspection.inspector ? { id: inspection.inspector } : {}) },
    tookBefore: (current) => {
      if (current.inspection) return true;
      if (current.status === 'LABEL_ISSUED' || current.status === 'IN_TRANSIT') {
        throw new NotYetDeliveredError(`return ${returnId} is ${current.status}; waiting for the delivery`);
      }
      return false;
    },
  });
  return outcome;
};
