import type { Return } from './return.js';

/**
 * How long a refund may wait once IssueRefund asked for it. Marketplaces expect a refund within two
 * business days of the return's arrival: a refund to be paid by hand is reminded to the seller then, and
 * past the policy's limit (payoutLimitBusinessDays) it needs a person. A refund settling at its provider
 * (Stripe `pending`) gets PROVIDER_LIMIT_BUSINESS_DAYS before it does.
 */
export const PAYOUT_REMINDER_BUSINESS_DAYS = 2;
export const DEFAULT_PAYOUT_LIMIT_BUSINESS_DAYS = 5;
export const PROVIDER_LIMIT_BUSINESS_DAYS = 10;

/** `days` business days (Monday to Friday, in UTC; holidays are not known) after `from`. */
export const addBusinessDays = (from: Date, days: number): Date => {
  const at = new Date(from);
  for (let left = days; left > 0;) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return at;
};

export type RefundWaitVerdict =
  /** Nothing waits (paid, failed, ended meanwhile): IssueRefund sees to it. */
  | 'not-waiting'
  | 'waits'
  /** A refund owed by hand has waited PAYOUT_REMINDER_BUSINESS_DAYS: remind the seller (once). */
  | 'remind'
  /** Past its limit: it needs a person. */
  | 'overdue';

/** When the current wait began: the entry that moved the refund to the provider, or to a manual payout. */
const waitingSince = (ret: Return): Date | undefined => {
  const entry = [...ret.timeline]
    .reverse()
    .find(
      (e) =>
        (e.type === 'AWAIT_PAYOUT' && e.to === 'REFUND_PENDING_PAYOUT' && e.from !== e.to) ||
        (e.type === 'ISSUE_REFUND' && e.data?.status === 'IN_PROGRESS' && e.data.providerRef !== undefined),
    );
  return entry ? new Date(entry.at) : undefined;
};

/** What a refund's wait comes to at `now`, under the seller's payout limit. */
export const refundWaitVerdict = (
  ret: Return,
  now: Date,
  payoutLimitBusinessDays: number,
): RefundWaitVerdict => {
  const manual = ret.status === 'REFUND_PENDING_PAYOUT';
  const settling = ret.status === 'REFUND_IN_PROGRESS' && ret.refund?.status === 'IN_PROGRESS';
  const since = waitingSince(ret);
  if ((!manual && !settling) || !since) return 'not-waiting';
  const limit = manual ? payoutLimitBusinessDays : PROVIDER_LIMIT_BUSINESS_DAYS;
  if (now >= addBusinessDays(since, limit)) return 'overdue';
  const reminded = ret.timeline.some((e) => e.type === 'REFUND_REMINDER' && new Date(e.at) >= since);
  if (manual && !reminded && now >= addBusinessDays(since, PAYOUT_REMINDER_BUSINESS_DAYS)) return 'remind';
  return 'waits';
};
