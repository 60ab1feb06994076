import { NotFoundError } from '../../domain/errors.js';
import type { Inspection } from '../../domain/inspection.js';
import { transition } from '../../domain/lifecycle.js';
import type { Clock, InspectionQueue, ReturnRepository } from '../../domain/ports.js';

export interface SubmitInspectionDeps {
  returns: ReturnRepository;
  clock: Clock;
  inspectionQueue: InspectionQueue;
}

/**
 * A seller (or a warehouse system using the seller's key) submits an inspection result. It travels the
 * same queue as the warehouse's own messages, so one consumer records every result the same way. What
 * would be refused there is refused here first, with the field named: a return not yet DELIVERED, or
 * already inspected (409), and a graded SKU that is not on the return (422), by a dry run of the very
 * transition the consumer will make.
 */
export const submitInspection = async (
  deps: SubmitInspectionDeps,
  sellerId: string,
  returnId: string,
  inspection: Inspection,
): Promise<{ returnId: string; messageId: string }> => {
  const ret = await deps.returns.get(sellerId, returnId);
  if (!ret) throw new NotFoundError(`return ${returnId}`);
  transition(
    ret,
    { type: 'RECORD_INSPECTION', inspection },
    { now: deps.clock.now(), actor: { kind: 'seller' } },
  );
  const { messageId } = await deps.inspectionQueue.send({ returnId, sellerId, ...inspection });
  return { returnId, messageId };
};
