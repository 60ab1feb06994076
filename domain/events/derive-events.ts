import { NamedError } from '../errors.js';
import { OUTBOX_BUDGET_BYTES } from '../return-size.js';
import type { Outbox, OutboxEvent, Return, TimelineEntry } from '../return.js';
import type { EventType } from './event-types.js';
import { frozenPending } from './event-snapshot.js';

/** What one timeline entry yields, knowing the return it left behind. */
type Rule = (entry: TimelineEntry, after: Return) => EventType[];

const moved = (entry: TimelineEntry): boolean => entry.from !== entry.to;
const always =
  (...types: EventType[]): Rule =>
  () =>
    types;

/** A carrier event that moved the parcel on; in NEEDS_ATTENTION, one that moved where a retry resumes. */
const tracking: Rule = (entry, after) => {
  if (entry.data?.ignored === true) return [];
  const stuck = entry.from === 'NEEDS_ATTENTION';
  const reached = stuck ? after.attention?.resumeStatus : entry.to;
  if (!stuck && !moved(entry)) return [];
  if (reached === 'DELIVERED' && entry.data?.status === 'DELIVERED') return ['return.delivered'];
  if (reached === 'IN_TRANSIT' && entry.data?.status !== 'DELIVERED') return ['return.in_transit'];
  return [];
};

/** A refund's status a change recorded: IssueRefund's answer, or the provider's event it did not ignore. */
const refundStatus: Rule = (entry) => {
  if (entry.data?.ignored === true) return [];
  if (entry.data?.status === 'COMPLETED') return ['refund.completed'];
  if (entry.data?.status === 'FAILED') return ['refund.failed'];
  return [];
};

/** A label the provider took back (or is taking back): it can no longer be used. A failed void yields none. */
const labelVoided: Rule = (entry, after) =>
  after.label?.void?.status === 'SUBMITTED' || after.label?.void?.status === 'REFUNDED'
    ? ['return.label_voided']
    : [];

const concessionPaid: Rule = (entry, after) => {
  const concession = after.concessions.find((c) => c.concessionId === entry.data?.concessionId);
  const paid =
    entry.type === 'CONCESSION_STATUS'
      ? entry.data?.status === 'COMPLETED'
      : concession?.status === 'COMPLETED';
  return paid ? ['concession.paid'] : [];
};

/**
 * Timeline entry type -> the events it yields: the one place a change becomes events. A new command
 * yields events by adding its row here. Entry types without a row yield none (a waiting step storing
 * its token, a retry resuming where it was, a label order, a step failure's record, which yields
 * `return.needs_attention` below).
 */
const RULES: Readonly<Record<string, Rule>> = {
  CREATED: always('return.created'),
  AUTHORIZE: always('return.authorized'),
  CLOSE: always('return.closed'),
  CLOSE_UNSHIPPED: always('return.closed'),
  REJECT_REFUND: always('return.closed'),
  CANCEL: always('return.cancelled'),
  ISSUE_LABEL: (entry) => (moved(entry) ? ['return.label_issued'] : []),
  TRACKING_EVENT: tracking,
  RECORD_INSPECTION: always('return.inspected'),
  COMPUTE_REFUND: (entry) =>
    moved(entry) && entry.to === 'REFUND_PENDING_APPROVAL' ? ['refund.pending_approval'] : [],
  ISSUE_REFUND: refundStatus,
  REFUND_EVENT: refundStatus,
  AWAIT_PAYOUT: (entry) => (moved(entry) ? ['refund.pending_payout'] : []),
  MARK_PAID: always('refund.completed'),
  REFUND_REMINDER: always('refund.payout_reminder'),
  APPLY_DISPOSITION: always('inventory.adjusted', 'return.completed'),
  ADD_CONCESSION: concessionPaid,
  CONCESSION_STATUS: concessionPaid,
  VOID_LABEL: labelVoided,
  REMIND_DEADLINE: always('return.deadline_reminder'),
  MARK_OVERDUE: always('return.overdue'),
  REQUEST_REPLACEMENT: always('replacement.requested'),
  SHIP_REPLACEMENT: always('replacement.shipped', 'inventory.adjusted', 'return.completed'),
  REFUND_INSTEAD: always('replacement.refunded_instead'),
  MAKE_OFFER: always('offer.made'),
  ACCEPT_OFFER: always('offer.accepted'),
  DECLINE_OFFER: always('offer.declined'),
  WITHDRAW_OFFER: always('offer.withdrawn'),
  EXPIRE_OFFER: always('offer.expired'),
  POST_MESSAGE: always('message.posted'),
};

/** Whatever the cause, a return that starts needing a person says so. */
const typesOf = (entry: TimelineEntry, after: Return): EventType[] => [
  ...(RULES[entry.type]?.(entry, after) ?? []),
  ...(entry.to === 'NEEDS_ATTENTION' && entry.from !== 'NEEDS_ATTENTION'
    ? (['return.needs_attention'] as const)
    : []),
];

/** A return's n-th event's id: stable, so every retry and every channel carries the same one. */
export const eventId = (returnId: string, sequence: number): string =>
  `evt_${returnId}_${String(sequence).padStart(4, '0')}`;

/**
 * The outbox is full: events have not been dispatched for a long while. The change is refused (and may
 * be retried) rather than written without its events, which would lose them.
 */
export class OutboxFullError extends NamedError {}

const sizeOf = (pending: readonly OutboxEvent[]): number =>
  new TextEncoder().encode(JSON.stringify(pending)).length;

/**
 * The entries the change appended: the timeline grew by them, less what the budget dropped from its
 * oldest end (domain/timeline-budget.ts), so they are its last ones.
 */
const newEntries = (before: Return | undefined, after: Return): TimelineEntry[] => {
  const kept = (ret: Return | undefined): number =>
    ret ? ret.timeline.length + (ret.timelineDropped ?? 0) : 0;
  const added = kept(after) - kept(before);
  return added > 0 ? after.timeline.slice(-added) : [];
};

/**
 * `after` with the events of the change from `before` (undefined for a new return) in its outbox: one
 * per rule that the change's new timeline entries meet, numbered on from the last, stored thin (without
 * the snapshot, which is `after`'s: event-snapshot.ts); the thin events it moves past are frozen, with the
 * snapshot of `before`, whether or not the change yields events. The write that stores `after` stores them.
 */
export const withEvents = (before: Return | undefined, after: Return): Return => {
  const outbox: Outbox | undefined = before?.outbox ?? after.outbox;
  let sequence = outbox?.lastSequence ?? 0;
  const events: OutboxEvent[] = newEntries(before, after).flatMap((entry) =>
    typesOf(entry, after).map((type) => {
      sequence += 1;
      const { at, ...change } = entry;
      return {
        id: eventId(after.id, sequence),
        type,
        returnId: after.id,
        version: after.version,
        sequence,
        occurredAt: at,
        data: { change },
      };
    }),
  );
  if (!outbox && events.length === 0) return after;
  const kept = outbox?.pending ?? [];
  const pending = [...(before ? frozenPending(kept, before, after.version) : kept), ...events];
  if (sizeOf(pending) > OUTBOX_BUDGET_BYTES) {
    throw new OutboxFullError(`return ${after.id} has ${kept.length} events not yet dispatched`);
  }
  return { ...after, outbox: { drains: 0, ...outbox, lastSequence: sequence, pending } };
};
