import type { Return, Status } from '../return.js';
import { endOfLocalDay, isoDateOf, localDayOf, type DayNumber } from './calendar-day.js';
import { holidayOn, isBusinessDay } from './holidays.js';
import type { Calendar } from './holiday-rules.js';
import { ACTION_WORDS, isDeadline, type Channel, type Deadline } from './deadline.js';
import {
  DEADLINE_RULES,
  STAGE_OF_STATUS,
  defaultChannel,
  type DeadlineRule,
  type DeadlineRules,
  type DeadlineStage,
  type Period,
} from './deadline-rules.js';
import { milestonesOf, type MilestoneSource, type Milestones } from './milestones.js';

/** What the engine reads off a return. */
export type DeadlineSource = MilestoneSource &
  Pick<Return, 'marketplace' | 'status' | 'returnless' | 'attention'> & { channel?: Channel };

const HOUR_MS = 3_600_000;

/** The stage a return's deadlines run in; a returnless AUTHORIZED return owes its refund already. */
export const stageOf = (
  ret: Pick<DeadlineSource, 'status' | 'returnless' | 'attention'>,
): DeadlineStage | undefined => {
  const of = (status: Status): DeadlineStage | undefined => {
    const stage = STAGE_OF_STATUS[status];
    if (stage === 'NONE' || stage === 'RESUME_STATUS') return undefined;
    return stage === 'AUTHORIZED' && ret.returnless ? 'REFUND_DUE' : stage;
  };
  if (STAGE_OF_STATUS[ret.status] !== 'RESUME_STATUS') return of(ret.status);
  return ret.attention ? of(ret.attention.resumeStatus) : undefined;
};

/** Where a period ends, and the days a business-day count passed over. */
interface PeriodEnd {
  dueAt: Date;
  skipped: string[];
}

const periodEnd = (start: Date, period: Period, calendar: Calendar): PeriodEnd => {
  switch (period.unit) {
    case 'hours':
      return { dueAt: new Date(start.getTime() + period.count * HOUR_MS), skipped: [] };
    case 'calendarDays': {
      const last = localDayOf(start, calendar.timeZone) + period.count - (period.includesStartDay ? 1 : 0);
      return { dueAt: endOfLocalDay(last, calendar.timeZone), skipped: [] };
    }
    case 'businessDays': {
      let day: DayNumber = localDayOf(start, calendar.timeZone);
      const skipped: string[] = [];
      for (let counted = 0; counted < period.count;) {
        day += 1;
        if (isBusinessDay(calendar, day)) counted += 1;
        else skipped.push(describeDay(calendar, day));
      }
      return { dueAt: endOfLocalDay(day, calendar.timeZone), skipped };
    }
  }
};

const describeDay = (calendar: Calendar, day: DayNumber): string => {
  const name = holidayOn(calendar, day);
  return name ? `${isoDateOf(day)} (${name})` : `${isoDateOf(day)} (weekend)`;
};

const startOf = (rule: DeadlineRule, m: Milestones, returnless: boolean): string | undefined => {
  switch (rule.from) {
    case 'REQUEST':
      return m.requestedAt;
    case 'DELIVERY_TO_BUYER':
      return m.deliveredToBuyerAt;
    case 'RECEIPT':
      // A returnless refund has nothing to receive: it is owed from the authorization.
      return returnless ? m.authorizedAt : m.receivedAt;
  }
};

const PERIOD_WORDS: Record<Period['unit'], string> = {
  hours: 'hours',
  calendarDays: 'calendar days',
  businessDays: 'business days',
};

const START_WORDS: Record<DeadlineRule['from'], string> = {
  REQUEST: 'requested',
  DELIVERY_TO_BUYER: 'delivered to the buyer',
  RECEIPT: 'received',
};

const utc = (instant: string | Date): string => new Date(instant).toISOString().replace('.000Z', 'Z');

/** One rule's deadline for the return, or undefined when it does not run (yet). */
const deadlineOf = (
  rule: DeadlineRule,
  ret: DeadlineSource,
  m: Milestones,
  calendar: Calendar,
): Deadline | undefined => {
  const startedAt = startOf(rule, m, ret.returnless);
  if (startedAt === undefined) return undefined;
  const { dueAt: periodDue, skipped } = periodEnd(new Date(startedAt), rule.period, calendar);
  if (rule.onlyRequestsWithinPeriod && Date.parse(m.requestedAt) > periodDue.getTime()) return undefined;

  const numbers: Deadline['rule']['numbers'] = {
    [rule.period.unit]: rule.period.count,
    from: rule.from,
    startedAt,
    periodEndsAt: utc(periodDue),
  };
  if (rule.period.unit !== 'hours') numbers.timeZone = calendar.timeZone;
  if (skipped.length > 0) numbers.skippedDays = skipped.join(', ');

  let dueAt = periodDue;
  let withheld = '';
  if (rule.withhold && !ret.returnless) {
    // Withheld until the goods are back or sending is proven, whichever first; the date only ever moves
    // to that moment, and only when it comes after the statutory date.
    const release = [m.receivedAt, m.proofOfSendingAt]
      .filter((t): t is string => t !== undefined)
      .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    if (m.receivedAt) numbers.receivedAt = m.receivedAt;
    if (m.proofOfSendingAt) numbers.proofOfSendingAt = m.proofOfSendingAt;
    if (release === undefined) return undefined;
    if (Date.parse(release) > periodDue.getTime()) {
      dueAt = new Date(release);
      numbers.withheldUntil = release;
      withheld = ` The goods were not back, nor their sending proven, by then: the refund could wait until ${release === m.receivedAt ? 'they were received' : 'the first carrier scan proved them sent'} at ${utc(release)}.`;
    }
  }

  const skippedWords = skipped.length > 0 ? ` (not counting ${skipped.join(', ')})` : '';
  const explanation =
    `${rule.summary} ${capitalize(START_WORDS[rule.from])} ${utc(startedAt)}; ` +
    `${rule.period.count} ${PERIOD_WORDS[rule.period.unit]}${skippedWords} end ${utc(periodDue)}` +
    `${rule.period.unit === 'hours' ? '' : ` (end of the day in ${calendar.timeZone})`}.${withheld} ` +
    `So ${ACTION_WORDS[rule.action]} by ${utc(dueAt)}.`;
  return {
    action: rule.action,
    dueAt: dueAt.toISOString(),
    rule: { id: rule.id, authority: rule.authority, source: rule.source, numbers },
    explanation,
    startedAt,
  };
};

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Every deadline that runs on the return now, one per applicable rule: the law's first, then the
 * platform's. Empty once nothing is owed (refunded, ended).
 */
export const openDeadlines = (ret: DeadlineSource, rules: DeadlineRules = DEADLINE_RULES): Deadline[] => {
  const stage = stageOf(ret);
  if (stage === undefined) return [];
  const market = rules.marketplaces[ret.marketplace]!;
  const channel = ret.channel ?? defaultChannel(ret.marketplace, rules);
  const m = milestonesOf(ret);
  return [...rules.laws[market.jurisdiction]!, ...rules.platforms[channel]!]
    .filter((rule) => rule.stages.includes(stage))
    .flatMap((rule) => deadlineOf(rule, ret, m, market.calendar) ?? []);
};

/** The deadline the seller must meet next: the earliest that runs (the law's on a tie). */
export const nextDeadline = (
  ret: DeadlineSource,
  rules: DeadlineRules = DEADLINE_RULES,
): Deadline | undefined =>
  openDeadlines(ret, rules).reduce<Deadline | undefined>(
    (first, d) => (first === undefined || Date.parse(d.dueAt) < Date.parse(first.dueAt) ? d : first),
    undefined,
  );

/**
 * The return with its next deadline worked out again, as every write stores it. The same deadline
 * (the same rule and date) keeps its reminder and overdue marks; a new one starts without them.
 */
export const withNextDeadline = <R extends DeadlineSource & { nextDeadline?: Deadline }>(ret: R): R => {
  const next = nextDeadline(ret);
  const { nextDeadline: previous, ...rest } = ret;
  if (!next) return rest as R;
  const kept =
    previous && isDeadline(previous, next.rule.id, next.dueAt)
      ? {
          ...(previous.remindedAt ? { remindedAt: previous.remindedAt } : {}),
          ...(previous.overdueAt ? { overdueAt: previous.overdueAt } : {}),
        }
      : {};
  return { ...rest, nextDeadline: { ...next, ...kept } } as R;
};
