import * as z from '../zod.js';
import type { Deadline } from './deadline.js';

/**
 * When the seller hears of a deadline before it passes: once a share of the time is left (a quarter by
 * default), and never later than a lead before it (2 hours by default). A deployment may set both
 * (REMINDER_SHARE_OF_TIME_LEFT, REMINDER_MIN_LEAD_MINUTES); a change applies to deadlines written after it.
 */
export const ReminderLeadSchema = z.strictObject({
  shareOfTimeLeft: z.number().check(z.gt(0, 'must be more than 0'), z.lt(1, 'must be less than 1')),
  minimumLeadMinutes: z.number().check(z.int('must be whole minutes'), z.gte(0), z.lte(10_080)),
});
export type ReminderLead = z.infer<typeof ReminderLeadSchema>;

export const DEFAULT_REMINDER_LEAD: ReminderLead = { shareOfTimeLeft: 0.25, minimumLeadMinutes: 120 };

/** When the reminder is due: the earlier of "a share of the time left" and "the lead before". */
export const reminderAt = (deadline: Pick<Deadline, 'startedAt' | 'dueAt'>, lead: ReminderLead): Date => {
  const due = Date.parse(deadline.dueAt);
  const span = Math.max(0, due - Date.parse(deadline.startedAt));
  return new Date(due - Math.max(span * lead.shareOfTimeLeft, lead.minimumLeadMinutes * 60_000));
};

/** What the sweeper does to a return's deadline at `now`, if anything: overdue first, then the reminder. */
export const deadlineSweepAction = (
  deadline: Deadline | undefined,
  lead: ReminderLead,
  now: Date,
): 'MARK_OVERDUE' | 'REMIND_DEADLINE' | undefined => {
  if (!deadline || deadline.overdueAt) return undefined;
  if (now.getTime() > Date.parse(deadline.dueAt)) return 'MARK_OVERDUE';
  if (!deadline.remindedAt && now.getTime() >= reminderAt(deadline, lead).getTime()) return 'REMIND_DEADLINE';
  return undefined;
};

/**
 * When the sweeper next has something to do for this deadline: its reminder, then the moment it passes
 * (just after its due instant), then nothing. The deadline index is keyed by it.
 */
export const nextSweepAt = (deadline: Deadline | undefined, lead: ReminderLead): Date | undefined => {
  if (!deadline || deadline.overdueAt) return undefined;
  if (!deadline.remindedAt) return reminderAt(deadline, lead);
  return new Date(Date.parse(deadline.dueAt) + 1);
};
