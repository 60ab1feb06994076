import { ConcurrencyConflictError, NotFoundError } from '../../domain/errors.js';
import { withEvents } from '../../domain/events/derive-events.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import type { Clock, ReturnRepository } from '../../domain/ports.js';
import type { Actor, Return } from '../../domain/return.js';

export interface ApplyCommandDeps {
  returns: ReturnRepository;
  clock: Clock;
}

const ATTEMPTS = 3;

/**
 * For a write that must land once work it records has been done (a payment): its decision holds on any
 * later version, so a conflict is only contention, and only another write that lands causes one. Far more
 * than a return's writers can land while one request reads and writes.
 */
export const FOLLOW_UP_ATTEMPTS = 25;

/** What a decision on the latest return comes to: an answer as it stands, or a write and the answer once written. */
export type Decision<T> = { answer: T } | { write: Return; answerWritten: (written: Return) => T };

/** How a decision loop starts and how long it keeps at it. */
export interface DecideOptions {
  /** Lost races before ConcurrencyConflictError (ATTEMPTS unless said). */
  attempts?: number;
  /**
   * The return as this caller last wrote it, to decide on instead of reading it again: the next step
   * of a use case that writes twice (a label ordered then bought, a refund marked then paid). Its write
   * is conditional on that version like any other, so a change landed since loses it the race; an
   * answer decided on it is not checked by any write, so it is decided again on a fresh read.
   */
  from?: Return;
}

/**
 * The optimistic-locking loop every change of a return goes through:
 * 1. read the return (another seller's return is simply not found), or start from `from`;
 * 2. decide from what was read (purely, but for what a side effect keyed by the return brings, such as a
 *    label): an answer, or the next return to write;
 * 3. write it on the version that was read, with the events the change yields in the return's outbox (in
 *    the same conditional write: docs/design.md §14); if another writer won, read again and decide anew,
 *    up to `attempts` times, then ConcurrencyConflictError (nothing written).
 * Side effects (resuming a run) belong after it, on the answer; mail follows the events.
 */
export const decideOnLatest = async <T>(
  deps: Pick<ApplyCommandDeps, 'returns'>,
  sellerId: string,
  id: string,
  decide: (current: Return) => Decision<T> | Promise<Decision<T>>,
  { attempts = ATTEMPTS, from }: DecideOptions = {},
): Promise<T> => {
  let held = from?.sellerId === sellerId && from.id === id ? from : undefined;
  let lost = 0;
  for (;;) {
    const current = held ?? (await deps.returns.get(sellerId, id));
    if (!current) throw new NotFoundError(`return ${id}`);
    const decision = await decide(current);
    if (!('write' in decision)) {
      if (!held) return decision.answer;
      // No write checks an answer: it is decided again on what is stored now.
      held = undefined;
      continue;
    }
    const write = withEvents(current, decision.write);
    try {
      await deps.returns.update(write);
      return decision.answerWritten(write);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      // A held copy gone stale is no contention: it does not count against the attempts.
      if (!held && ++lost >= attempts) throw error;
      held = undefined;
    }
  }
};

/** Applies one lifecycle command to a seller's return (refused unless the transition allows it), on the latest version. */
export const applyCommand = (
  deps: ApplyCommandDeps,
  sellerId: string,
  id: string,
  command: LifecycleCommand,
  actor: Actor,
  attempts = ATTEMPTS,
): Promise<Return> =>
  decideOnLatest(
    deps,
    sellerId,
    id,
    (current) => ({
      write: transition(current, command, { now: deps.clock.now(), actor }),
      answerWritten: (written) => written,
    }),
    { attempts },
  );
