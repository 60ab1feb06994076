import { transition } from '../../domain/lifecycle.js';
import { TERMINAL_STATUSES } from '../../domain/return.js';
import { decideOnLatest, type ApplyCommandDeps, type Decision } from './apply-command.js';

/**
 * The CloseUnshipped step: the ship-by window passed without a parcel. The seller owes nothing more
 * once an authorized item never comes back, so the return is closed (CLOSE_UNSHIPPED); its
 * `return.closed` event tells the buyer, once. Decided on the latest return: one closed here by an
 * earlier try, or closed or cancelled by someone else, is left as it is. A parcel that is on its way
 * (IN_TRANSIT) is not closed: the transition refuses it, and the run asks a human.
 */
export const closeUnshipped = async (
  deps: ApplyCommandDeps,
  sellerId: string,
  returnId: string,
): Promise<void> => {
  await decideOnLatest(deps, sellerId, returnId, (current): Decision<undefined> => {
    if (TERMINAL_STATUSES.includes(current.status)) return { answer: undefined };
    const closed = transition(
      current,
      { type: 'CLOSE_UNSHIPPED' },
      { now: deps.clock.now(), actor: { kind: 'system' } },
    );
    return { write: closed, answerWritten: () => undefined };
  });
};
