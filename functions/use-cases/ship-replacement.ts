import { IllegalTransitionError } from '../../domain/errors.js';
import { transition } from '../../domain/lifecycle.js';
import type { Return } from '../../domain/return.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';

/**
 * The seller sent the replacement, exactly once:
 * 1. on the latest return: SHIP_REPLACEMENT (COMPLETED, the reserved goods shipped, what came back
 *    disposed of) from REPLACEMENT_PENDING; the same parcel reported again answers the return as it
 *    stands, another one is refused (409);
 * 2. its `replacement.shipped` event mails the buyer the carrier and tracking number (once).
 */
export const shipReplacement = async (
  deps: ApplyCommandDeps,
  sellerId: string,
  id: string,
  shipment: { trackingNumber: string; carrier: string },
): Promise<Return> => {
  const actor = { kind: 'seller', id: sellerId } as const;
  return decideOnLatest<Return>(deps, sellerId, id, (current) => {
    const earlier = current.replacement?.shipment;
    if (earlier) {
      if (earlier.trackingNumber === shipment.trackingNumber) return { answer: current };
      throw new IllegalTransitionError(current.status, 'SHIP_REPLACEMENT');
    }
    return {
      write: transition(current, { type: 'SHIP_REPLACEMENT', ...shipment }, { now: deps.clock.now(), actor }),
      answerWritten: (written: Return) => written,
    };
  });
};
