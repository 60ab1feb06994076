import { transition } from '../../domain/lifecycle.js';
import { deadlineSweepAction, type ReminderLead } from '../../domain/deadlines/reminder.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { DeadlineSweepIndex, ReturnRef, SellerRepository } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import { isDeadline, type Deadline } from '../../domain/deadlines/deadline.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';
import { notifyOnce, type NotifyDeps } from './notify-once.js';

export interface SweepDeadlinesDeps extends ApplyCommandDeps, NotifyDeps {
  sellers: SellerRepository;
  deadlines: DeadlineSweepIndex;
  reminderLead: ReminderLead;
}

/** What one sweep did, for the metrics and the log. */
export interface SweepOutcome {
  reminded: ReturnRef[];
  overdue: Return[];
  failed: { ref: ReturnRef; error: unknown }[];
}

/** Each deadline's reminder is its own notification: a return meets several deadlines in its life. */
const reminderKind = (deadline: Deadline): string =>
  `DEADLINE_REMINDER#${deadline.rule.id}#${deadline.dueAt}`;

/**
 * One sweep of the deadline index, from stored state only (so a sweep after a stop sends what came due
 * meanwhile):
 * 1. read the returns due by now, from the oldest hour not yet swept;
 * 2. for each, on its latest version: a passed deadline is marked overdue (a timeline entry); a reminder
 *    that is due is mailed to the seller once (the notification ledger), then recorded on the return,
 *    so a crash between the two sends nothing twice and loses nothing;
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

const sweepOne = async (
  deps: SweepDeadlinesDeps,
  ref: ReturnRef,
  now: Date,
): Promise<{ type: 'REMIND_DEADLINE' | 'MARK_OVERDUE'; ret: Return } | undefined> => {
  const current = await deps.returns.get(ref.sellerId, ref.id);
  if (current && deadlineSweepAction(current.nextDeadline, deps.reminderLead, now) === 'REMIND_DEADLINE') {
    await mailReminder(deps, current, current.nextDeadline!);
  }
  return decideOnLatest(deps, ref.sellerId, ref.id, (latest) => {
    const deadline = latest.nextDeadline;
    const type = deadlineSweepAction(deadline, deps.reminderLead, now);
    if (!deadline || !type) return { answer: undefined };
    // A reminder is recorded only once it went out (it was mailed above, for this very deadline).
    const mailed =
      current?.nextDeadline && isDeadline(current.nextDeadline, deadline.rule.id, deadline.dueAt);
    if (type === 'REMIND_DEADLINE' && !mailed) return { answer: undefined };
    const command = { type, rule: deadline.rule.id, dueAt: deadline.dueAt };
    return {
      write: transition(latest, command, { now, actor: { kind: 'system', id: 'deadline-sweeper' } }),
      answerWritten: (ret) => ({ type, ret }),
    };
  });
};

const mailReminder = async (deps: SweepDeadlinesDeps, ret: Return, deadline: Deadline): Promise<void> => {
  const seller = await deps.sellers.get(ret.sellerId);
  if (!seller) return;
  const mail = renderNotification(
    {
      kind: 'DEADLINE_REMINDER',
      rma: ret.rma,
      returnId: ret.id,
      action: deadline.action,
      dueAt: deadline.dueAt,
      rule: deadline.rule.id,
    },
    seller.locale,
  );
  await notifyOnce(deps, ret, reminderKind(deadline), { to: seller.email, ...mail });
};
