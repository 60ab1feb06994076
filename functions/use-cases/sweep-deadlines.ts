import { transition } from '../../domain/lifecycle.js';
import { deadlineSweepAction, type ReminderLead } from '../../domain/deadlines/reminder.js';
import type { DeadlineSweepIndex, ReturnRef } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';

export interface SweepDeadlinesDeps extends ApplyCommandDeps {
  deadlines: DeadlineSweepIndex;
  reminderLead: ReminderLead;
}

/** What one sweep did, for the metrics and the log. */
export interface SweepOutcome {
  reminded: ReturnRef[];
  overdue: Return[];
  failed: { ref: ReturnRef; error: unknown }[];
}

/**
 * One sweep of the deadline index, from stored state only (so a sweep after a stop sends what came due
 * meanwhile):
 * 1. read the returns due by now, from the oldest hour not yet swept;
 * 2. for each, on its latest version: a passed deadline is marked overdue (MARK_OVERDUE, whose
 *    `return.overdue` event tells the seller's systems); a reminder that is due is recorded
 *    (REMIND_DEADLINE), and its `return.deadline_reminder` event, written with it, mails the seller
 *    once (docs/design.md §14), so a crash anywhere sends nothing twice and loses nothing;
 * 3. once every return was handled, move the watermark on; a failure keeps it, and the next sweep
 *    tries that return again.
 */
export const sweepDeadlines = async (deps: SweepDeadlinesDeps): Promise<SweepOutcome> => {
  const now = deps.clock.now();
  const { refs, nextHour } = await deps.deadlines.due(now);
  const outcome: SweepOutcome = { reminded: [], overdue: [], failed: [] };
  for (const ref of refs) {
    try {
      const done = await sweepOne(deps, ref, now);
      if (done?.type === 'REMIND_DEADLINE') outcome.reminded.push(ref);
      if (done?.type === 'MARK_OVERDUE') outcome.overdue.push(done.ret);
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
): Promise<{ type: 'REMIND_DEADLINE' | 'MARK_OVERDUE'; ret: Return } | undefined> =>
  decideOnLatest(deps, ref.sellerId, ref.id, (latest) => {
    const deadline = latest.nextDeadline;
    const type = deadlineSweepAction(deadline, deps.reminderLead, now);
    if (!deadline || !type) return { answer: undefined };
    const command = { type, rule: deadline.rule.id, dueAt: deadline.dueAt };
    return {
      write: transition(latest, command, { now, actor: { kind: 'system', id: 'deadline-sweeper' } }),
      answerWritten: (ret) => ({ type, ret }),
    };
  });
