import { transition } from '../../domain/lifecycle.js';
import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import { decideOnLatest, type Decision } from './apply-command.js';
import { voidUnusedLabel, type VoidLabelDeps } from './void-label.js';

/**
 * The CloseUnshipped step: the ship-by window passed without a parcel. The seller owes nothing more
 * once an authorized item never comes back, so the return is closed (CLOSE_UNSHIPPED); its
 * `return.closed` event tells the buyer, once. Decided on the latest return: one closed here by an
 * earlier try only still owes the void of its label; one closed or cancelled by someone else is left as
 * it is. A parcel that is on its way (IN_TRANSIT) is not closed: the transition refuses it, and the run
 * asks a human.
 */
export const closeUnshipped = async (
  deps: VoidLabelDeps,
  sellerId: string,
  returnId: string,
): Promise<void> => {
  const ret = await decideOnLatest(deps, sellerId, returnId, (current): Decision<Return | undefined> => {
    if (current.closure?.reason === 'BUYER_DID_NOT_SHIP') return { answer: current };
    if (TERMINAL_STATUSES.includes(current.status)) return { answer: undefined };
    const closed = transition(
      current,
      { type: 'CLOSE_UNSHIPPED' },
      { now: deps.clock.now(), actor: { kind: 'system' } },
    );
    return { write: closed, answerWritten: (written) => written };
  });
  if (ret) await voidUnusedLabel(deps, sellerId, returnId);
};
