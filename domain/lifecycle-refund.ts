import { IllegalTransitionError } from './errors.js';
import { clip } from './return-size.js';
import { paymentKeyOf, type Refund, type RefundStatus } from './refund.js';
import type { LifecycleCommand } from './lifecycle-command.js';
import type { Return, Status } from './return.js';

/**
 * The refund's life once IssueRefund has asked for it (docs/design.md §4): the provider's answer, a
 * manual payout and its mark-paid, the provider's later events (never backwards, once each, a failure
 * after success included), and the reminder of a payout still owed. Each is one row handler of the
 * table in lifecycle.ts.
 */
export interface RefundChange {
  to: Status;
  patch?: Partial<Return>;
  note?: string;
  data?: Record<string, unknown>;
}

type CommandOf<T extends LifecycleCommand['type']> = Extract<LifecycleCommand, { type: T }>;

const refundOf = (ret: Return, type: LifecycleCommand['type']): Refund => {
  if (!ret.refund) throw new IllegalTransitionError(ret.status, type);
  return ret.refund;
};

const withRefundToken = (ret: Return, token: string | undefined): Partial<Return> =>
  token === undefined ? {} : { pipeline: { ...ret.pipeline, refundToken: token } };

/** Drops the fields a new attempt starts without. */
const newAttempt = (refund: Refund): Refund => {
  const { providerRef: _ref, failureReason: _reason, ...rest } = refund;
  return { ...rest, attempt: (refund.attempt ?? 1) + 1 };
};

const failed = (
  refund: Refund,
  error: string,
  note: string,
  data: Record<string, unknown>,
): RefundChange => ({
  to: 'NEEDS_ATTENTION',
  patch: {
    refund,
    attention: { step: 'IssueRefund', error: clip(error), resumeStatus: 'REFUND_IN_PROGRESS' },
  },
  note: clip(note),
  data,
});

/**
 * IssueRefund's record of the provider's answer. Going IN_PROGRESS from FAILED starts a new attempt,
 * whose key (`<returnId>-refund-2`, ...) the provider has not seen: a failed key answers its failure forever.
 */
export const issueRefund = (ret: Return, cmd: CommandOf<'ISSUE_REFUND'>): RefundChange => {
  const before = refundOf(ret, cmd.type);
  const retrying = before.status === 'FAILED' && cmd.status !== 'FAILED' && cmd.status !== 'COMPLETED';
  const base = retrying ? newAttempt(before) : before;
  const refund: Refund = {
    ...base,
    status: cmd.status,
    ...(cmd.providerRef ? { providerRef: cmd.providerRef } : {}),
    ...(cmd.method ? { method: cmd.method } : {}),
    ...(cmd.status === 'FAILED' && cmd.error ? { failureReason: cmd.error } : {}),
  };
  const data = {
    status: cmd.status,
    paymentKey: paymentKeyOf(refund),
    ...(cmd.providerRef ? { providerRef: cmd.providerRef } : {}),
  };
  switch (cmd.status) {
    case 'SUBMITTED':
    case 'IN_PROGRESS':
      return {
        to: 'REFUND_IN_PROGRESS',
        patch: { refund, ...withRefundToken(ret, cmd.taskToken) },
        data,
        ...(retrying ? { note: `paying again after the refund failed, as ${paymentKeyOf(refund)}` } : {}),
      };
    case 'COMPLETED':
      return { to: 'REFUNDED', patch: { refund }, data };
    case 'FAILED': {
      const error = cmd.error ?? 'the payment provider reported the refund as failed';
      return failed(refund, error, error, data);
    }
  }
};

/** No provider can pay it: the seller pays by hand, and the run waits with its token (again, after a restart). */
export const awaitPayout = (ret: Return, cmd: CommandOf<'AWAIT_PAYOUT'>): RefundChange => {
  const refund = refundOf(ret, cmd.type);
  if (ret.status === 'REFUND_PENDING_PAYOUT') {
    return {
      to: ret.status,
      patch: withRefundToken(ret, cmd.taskToken),
      note: 'waiting for the seller to pay the refund',
    };
  }
  return {
    to: 'REFUND_PENDING_PAYOUT',
    patch: {
      refund: { ...refund, status: 'IN_PROGRESS', method: 'MANUAL' },
      ...withRefundToken(ret, cmd.taskToken),
    },
    note: 'no payment connection or payment reference: the seller pays the refund by hand, then marks it paid',
    data: { paymentKey: paymentKeyOf(refund) },
  };
};

/** The seller paid it by hand: REFUNDED, from the wait or from NEEDS_ATTENTION after the wait ran out. */
export const markPaid = (ret: Return, cmd: CommandOf<'MARK_PAID'>): RefundChange => {
  const refund = refundOf(ret, cmd.type);
  const waited =
    ret.status === 'REFUND_PENDING_PAYOUT' || ret.attention?.resumeStatus === 'REFUND_PENDING_PAYOUT';
  if (!waited) throw new IllegalTransitionError(ret.status, cmd.type);
  return {
    to: 'REFUNDED',
    patch: {
      refund: { ...refund, status: 'COMPLETED', payout: { reference: cmd.reference, paidAt: cmd.paidAt } },
    },
    data: { reference: cmd.reference, paidAt: cmd.paidAt },
  };
};

/** How far a refund has come: an event never takes it back. FAILED is last: a refund can fail after it succeeded. */
const RANK: Readonly<Record<RefundStatus, number>> = {
  SUBMITTED: 0,
  IN_PROGRESS: 1,
  COMPLETED: 2,
  FAILED: 3,
};

/** Whether the return already took this provider event (providers deliver at least once). */
export const refundEventSeen = (ret: Return, eventId: string): boolean =>
  ret.timeline.some((entry) => entry.type === 'REFUND_EVENT' && entry.data?.eventId === eventId);

/**
 * The provider's event about a refund it made. An event of an earlier attempt, or one that would take
 * the refund back (pending after succeeded, succeeded after failed), is recorded and ignored. Otherwise:
 * IN_PROGRESS records the provider's reference; COMPLETED makes the return REFUNDED; FAILED sends it to
 * NEEDS_ATTENTION, from REFUND_IN_PROGRESS, REFUNDED or even COMPLETED (some payment methods fail after
 * they succeeded), and a retry pays again with a new attempt's key. In NEEDS_ATTENTION the event moves
 * the point a retry resumes from.
 */
export const refundEvent = (ret: Return, cmd: CommandOf<'REFUND_EVENT'>): RefundChange => {
  const before = refundOf(ret, cmd.type);
  const data = {
    eventId: cmd.eventId,
    status: cmd.status,
    providerRef: cmd.providerRef,
    paymentKey: cmd.paymentKey,
  };
  if (cmd.paymentKey !== paymentKeyOf(before)) {
    return { to: ret.status, data: { ...data, ignored: true }, note: "an earlier attempt's refund, ignored" };
  }
  if (RANK[cmd.status] <= RANK[before.status]) {
    return {
      to: ret.status,
      data: { ...data, ignored: true },
      note: 'already known or out of order, ignored',
    };
  }
  const refund: Refund = {
    ...before,
    status: cmd.status,
    providerRef: cmd.providerRef,
    ...(cmd.status === 'FAILED' ? { failureReason: cmd.failureReason ?? 'unknown' } : {}),
  };
  const attention = ret.status === 'NEEDS_ATTENTION' ? ret.attention : undefined;
  if (cmd.status === 'IN_PROGRESS') return { to: ret.status, patch: { refund }, data };
  if (cmd.status === 'COMPLETED') {
    if (attention)
      return {
        to: ret.status,
        patch: { refund, attention: { ...attention, resumeStatus: 'REFUNDED' } },
        data,
      };
    return { to: 'REFUNDED', patch: { refund }, data };
  }
  const afterSuccess = before.status === 'COMPLETED';
  const error = `the provider failed the refund${afterSuccess ? ' after it had succeeded' : ''}: ${refund.failureReason}`;
  if (attention) {
    return {
      to: ret.status,
      patch: { refund, attention: { ...attention, error, resumeStatus: 'REFUND_IN_PROGRESS' } },
      note: error,
      data,
    };
  }
  return failed(refund, error, error, data);
};

export const refundReminder = (ret: Return): RefundChange => ({
  to: ret.status,
  note: 'the seller was reminded to pay the refund by hand and mark it paid',
});
