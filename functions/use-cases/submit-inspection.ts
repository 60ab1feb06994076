import { isDeepStrictEqual } from 'node:util';
import type { Inspection } from '../../domain/inspection.js';
import type { Return } from '../../domain/return.js';
import { recordInspection, type RecordInspectionDeps } from './record-inspection.js';

/**
 * A seller (or a warehouse system using the seller's key) submits an inspection result, recorded at once
 * (recordInspection) rather than queued: the seller hears the outcome, and the return read back is
 * INSPECTED. A return not yet DELIVERED or inspected already is refused (409), as is a graded SKU that is
 * not on the return (422). The very result it already holds is taken again, resuming the run once more,
 * so a request retried after a failed resume still lets the run go on.
 */
export const submitInspection = async (
  deps: RecordInspectionDeps,
  sellerId: string,
  returnId: string,
  inspection: Inspection,
): Promise<Return> => {
  const { ret } = await recordInspection(deps, { sellerId, returnId }, inspection, {
    actor: { kind: 'seller', id: sellerId },
    tookBefore: (current) => isDeepStrictEqual(current.inspection, inspection),
  });
  return ret;
};
