import { transition } from '../../domain/lifecycle.js';
import type { ReminderLead } from '../../domain/deadlines/reminder.js';
import { sweepCommandOf, type SweepCommand } from '../../domain/deadlines/sweep-decision.js';
import type { DeadlineSweepIndex, ReturnRef } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';

export interface SweepDeadlinesDeps extends ApplyCommandDeps {
  deadlines: DeadlineSweepIndex;
  reminderLead: ReminderLead;
}

/** What one sweep did, for the metrics and the log. */
export interface SweepOutcome {
  expired: ReturnRef[];
  reminded: ReturnRef[];
  overdue: Return[];
  failed: { ref: ReturnRef; error: unknown }[];
}

/** At most an offer's expiry, then the deadline's reminder or overdue mark: one write each. */
const CHANGES_PER_RETURN = 2;

/**
 * One sweep of the deadline index, from stored state only (so a sweep after a stop sends what came due
 * meanwhile):
 * 1. read the returns due by now, from the oldest hour not yet swept (a return is in it at the earlier of
 *    its deadline's next sweep and its open offer's expiry: domain/deadlines/sweep-decision.ts);
 * 2. for each, on its latest version: an open offer whose time ran out is marked EXPIRED (EXPIRE_OFFER,
 *    whose `offer.expired` event mails the seller once); then, read again, a passed deadline is marked overdue (MARK_OVERDUE, whose
 *    `return.overdue` event tells the seller's systems); a reminder that is due is recorded
 *    (REMIND_DEADLINE), and its `return.deadline_reminder` event, written with it, mails the seller
 *    once (docs/design.md §14), so a crash anywhere sends nothing twice and loses nothing;
 * 3. once every return was handled, move the watermark on; a failure keeps it, and the next sweep
 *    tries that return again.
 */
export const sweepDeadlines = async (deps: SweepDeadlinesDeps): Promise<SweepOutcome> => {
  const now = deps.clock.now();
  const { refs, nextHour } = await deps.deadlines.due(now);
  const outcome: SweepOutcome = { expired: [], reminded: [], overdue: [], failed: [] };
  for (const ref of refs) {
    try {
      for (let change = 0; change < CHANGES_PER_RETURN; change++) {
        const done = await sweepOne(deps, ref, now);
        if (!done) break;
        if (done.type === 'EXPIRE_OFFER') outcome.expired.push(ref);
        if (done.type === 'REMIND_DEADLINE') outcome.reminded.push(ref);
        if (done.type === 'MARK_OVERDUE') outcome.overdue.push(done.ret);
      }
    } catch (error) {
      outcome.failed.push({ ref, error });
    }
  }
  if (outcome.failed.length === 0) await deps.deadlines.sweptUntil(nextHour);
  return outcome;
};

const sweepOne = (
  deps: SweepDeadlinesDeps,
  ref: ReturnRef,
  now: Date,
): Promise<{ type: SweepCommand['type']; ret: Return } | undefined> =>
  decideOnLatest(deps, ref.sellerId, ref.id, (latest) => {
    const command = sweepCommandOf(latest, deps.reminderLead, now);
    if (!command) return { answer: undefined };
    return {
      write: transition(latest, command, { now, actor: { kind: 'system', id: 'deadline-sweeper' } }),
      answerWritten: (ret) => ({ type: command.type, ret }),
    };
  });
