import * as z from './zod.js';
import { MoneySchema } from './money.js';
import { StatusSchema, type Return } from './return.js';
import { ValidationError } from './errors.js';

/**
 * Counters of a seller's returns, kept up to date on each write of a return (never counted by reading
 * returns back): per day, the returns opened by reason, the units by SKU and where the day's returns stand
 * now; the refunds and concessions paid that day; and the seller's returns by status now.
 */
export const GROUP_BYS = ['reason', 'sku', 'status'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
/** What a day's counters are kept by: the three groupings, and the credits paid that day. */
export type DayDimension = GroupBy | 'credits';

/** The longest range a report reads: one counter item per day and dimension, so at most this many. */
export const MAX_REPORT_DAYS = 92;

const day = z.iso.date('must be a date (YYYY-MM-DD)');

export const AnalyticsQuerySchema = z
  .strictObject({
    from: z.optional(day).check(z.describe('first day, UTC (default: 29 days before `to`)')),
    to: z.optional(day).check(z.describe('last day, UTC (default: today)')),
    groupBy: z._default(z.enum(GROUP_BYS), 'reason'),
  })
  .check(
    z.refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
      path: ['from'],
      message: 'must not be after to',
    }),
  );
export type AnalyticsQuery = z.infer<typeof AnalyticsQuerySchema>;

const CountSchema = z.object({ key: z.string(), count: z.number().check(z.int()) });

export const ReturnAnalyticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(GROUP_BYS),
  /** Over the range, largest first: returns opened by reason, units by SKU, or opened returns by status now. */
  groups: z.array(CountSchema),
  /** All the seller's returns by status now, whatever the range. */
  statusNow: z.array(z.extend(CountSchema, { key: StatusSchema })),
  /** Paid over the range, one amount per currency. */
  refunds: z.array(MoneySchema),
  concessions: z.array(MoneySchema),
});
export type ReturnAnalytics = z.infer<typeof ReturnAnalyticsSchema>;

/** Numbers to add to one counter item: a day's dimension, or the seller's status-now counters. */
export type CounterChange =
  | { bucket: 'day'; day: string; dimension: DayDimension; add: Record<string, number> }
  | { bucket: 'now'; add: Record<string, number> };

export const dayOf = (iso: string): string => iso.slice(0, 10);

/** The counters' names for money: `refund:USD`, `concession:EUR`. */
export const creditCounter = (kind: 'refund' | 'concession', currency: string) => `${kind}:${currency}`;

const moved = (from: string, to: string): Record<string, number> => ({ [from]: -1, [to]: 1 });

/**
 * What one write of a return adds to the counters: a new return (`created`) counts once in full; a change
 * counts by the one timeline entry it appended (docs/design.md §4), so a write that changes nothing the
 * counters keep adds nothing.
 */
export function counterChanges(ret: Return, created: boolean): CounterChange[] {
  const opened = dayOf(ret.createdAt);
  if (created) {
    const units: Record<string, number> = {};
    for (const line of ret.items) units[line.sku] = (units[line.sku] ?? 0) + line.quantity;
    return [
      { bucket: 'day', day: opened, dimension: 'reason', add: { [ret.reason]: 1 } },
      { bucket: 'day', day: opened, dimension: 'sku', add: units },
      { bucket: 'day', day: opened, dimension: 'status', add: { [ret.status]: 1 } },
      { bucket: 'now', add: { [ret.status]: 1 } },
    ];
  }
  const entry = ret.timeline.at(-1);
  if (!entry) return [];
  const changes: CounterChange[] = [];
  if (entry.from !== entry.to) {
    changes.push(
      { bucket: 'day', day: opened, dimension: 'status', add: moved(entry.from, entry.to) },
      { bucket: 'now', add: moved(entry.from, entry.to) },
    );
  }
  const paid = paidBy(ret, entry);
  if (paid) {
    const [kind, money] = paid;
    changes.push({
      bucket: 'day',
      day: dayOf(entry.at),
      dimension: 'credits',
      add: { [creditCounter(kind, money.currency)]: money.amount },
    });
  }
  return changes;
}

/** The refund or concession an entry reports paid, if it does. */
const paidBy = (
  ret: Return,
  entry: Return['timeline'][number],
): ['refund' | 'concession', { amount: number; currency: string }] | undefined => {
  if (entry.type === 'ISSUE_REFUND' && entry.to === 'REFUNDED' && ret.refund)
    return ['refund', ret.refund.amount];
  // A concession is added SUBMITTED; the provider's word that it is paid is a CONCESSION_STATUS.
  if (entry.type !== 'CONCESSION_STATUS' || entry.data?.status !== 'COMPLETED') return undefined;
  const concession = ret.concessions.find((c) => c.concessionId === entry.data?.concessionId);
  if (!concession) return undefined;
  return ['concession', concession.amount];
};

/**
 * The days a report covers: `to` defaults to today (UTC) and `from` to 29 days before it (30 days in
 * all); more than MAX_REPORT_DAYS is refused, so a report's cost is bounded.
 */
export function reportRange(
  query: AnalyticsQuery,
  now: Date,
): { from: string; to: string; groupBy: GroupBy } {
  const to = query.to ?? dayOf(now.toISOString());
  const from = query.from ?? dayOf(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString());
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_REPORT_DAYS) {
    throw new ValidationError(`a report covers at most ${MAX_REPORT_DAYS} days`, [
      { field: 'query/from', rule: `must be at most ${MAX_REPORT_DAYS - 1} days before to` },
    ]);
  }
  if (days < 1) {
    throw new ValidationError('from is after to', [{ field: 'query/from', rule: 'must not be after to' }]);
  }
  return { from, to, groupBy: query.groupBy };
}
