import { openOfferOf } from '../conversation.js';
import type { Return } from '../return.js';
import { deadlineSweepAction, nextSweepAt, type ReminderLead } from './reminder.js';

/** What the sweeper reads off a return: its next deadline and its offers. */
export type SweepSource = Pick<Return, 'nextDeadline' | 'offers'>;

/** A command the sweeper applies, as the lifecycle takes it. */
export type SweepCommand =
  | { type: 'EXPIRE_OFFER'; offerId: string }
  | { type: 'REMIND_DEADLINE' | 'MARK_OVERDUE'; rule: string; dueAt: string };

/**
 * When the sweeper next has something to do for the return: the earlier of its deadline's next sweep
 * (reminder, then the moment it passes) and its open offer's expiry; undefined when neither is ahead.
 * The sweeper's index is keyed by it (table-design.ts).
 */
export const sweepWakeAt = (ret: SweepSource, lead: ReminderLead): Date | undefined => {
  const expiresAt = openOfferOf(ret)?.expiresAt;
  const times = [nextSweepAt(ret.nextDeadline, lead)?.getTime(), expiresAt && Date.parse(expiresAt)].filter(
    (t): t is number => typeof t === 'number',
  );
  return times.length === 0 ? undefined : new Date(Math.min(...times));
};

/**
 * The next thing the sweeper does to the return at `now`, if anything: an open offer whose time ran out
 * is marked EXPIRED first (the seller is told through its event), then the deadline's overdue mark or
 * reminder (reminder.ts). The sweeper applies one, reads again and asks anew, so it never writes two
 * changes on one version.
 */
export const sweepCommandOf = (ret: SweepSource, lead: ReminderLead, now: Date): SweepCommand | undefined => {
  const offer = openOfferOf(ret);
  if (offer && now.getTime() >= Date.parse(offer.expiresAt)) {
    return { type: 'EXPIRE_OFFER', offerId: offer.offerId };
  }
  const deadline = ret.nextDeadline;
  const type = deadlineSweepAction(deadline, lead, now);
  return deadline && type ? { type, rule: deadline.rule.id, dueAt: deadline.dueAt } : undefined;
};
