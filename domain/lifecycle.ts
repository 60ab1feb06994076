import { IllegalTransitionError, ValidationError } from './errors.js';
import { TERMINAL_STATUSES, type Actor, type Return, type Status, type TimelineEntry } from './return.js';
import {
  LIFECYCLE_COMMAND_TYPES,
  type LifecycleCommand,
  type LifecycleCommandType,
} from './lifecycle-command.js';
import { assertCreditFits } from './lifecycle-credits.js';
import { trackingEffect } from './lifecycle-tracking.js';
import { labelIsUnused } from './label-void.js';
import { boundTimeline } from './timeline-budget.js';
import { MAX_CONCESSIONS, clip } from './return-size.js';
import { markOverdue, remindDeadline } from './lifecycle-deadlines.js';
import { withNextDeadline } from './deadlines/next-deadline.js';
import * as refunds from './lifecycle-refund.js';

export { LifecycleCommandSchema, LIFECYCLE_COMMAND_TYPES } from './lifecycle-command.js';
export type { LifecycleCommand, LifecycleCommandType } from './lifecycle-command.js';
export { totalPaid, committedCredits, remainingCredit } from './lifecycle-credits.js';
export { TRACKING_STATUSES, TRACKING_IGNORED_NOTE, type TrackingStatus } from './lifecycle-tracking.js';

export interface TransitionContext {
  now: Date;
  actor: Actor;
}

/** What a handler decides: the next status, the fields it changes, and why (for the timeline). */
interface Change {
  to: Status;
  patch?: Partial<Return>;
  note?: string;
  data?: Record<string, unknown>;
}

type CommandOf<T extends LifecycleCommandType> = Extract<LifecycleCommand, { type: T }>;
type Handler<T extends LifecycleCommandType> = (
  ret: Return,
  command: CommandOf<T>,
  ctx: TransitionContext,
) => Change;
type Row = { readonly [T in LifecycleCommandType]?: Handler<T> };

const illegal = (ret: Return, type: LifecycleCommandType): never => {
  throw new IllegalTransitionError(ret.status, type);
};

const withComment = (comment: string | undefined) => (comment === undefined ? {} : { comment });

const note = (text: string | undefined) => (text === undefined || text === '' ? {} : { note: text });

// --- handlers: each one row of docs/design.md §4 --------------------------------------------------------

const authorize: Handler<'AUTHORIZE'> = (ret, cmd) => {
  const returnless = ret.returnless || cmd.returnless === true;
  return {
    to: 'AUTHORIZED',
    patch: { returnless, ...(cmd.returnAddress ? { returnAddress: cmd.returnAddress } : {}) },
    data: { returnless },
  };
};

const close: Handler<'CLOSE'> = (_ret, cmd) => ({
  to: 'CLOSED',
  patch: { closure: { reason: cmd.reason, ...withComment(cmd.comment) } },
  note: cmd.comment ? `${cmd.reason}: ${cmd.comment}` : cmd.reason,
  data: { reason: cmd.reason },
});

const cancel: Handler<'CANCEL'> = (_ret, cmd) => ({
  to: 'CANCELLED',
  patch: { cancellation: withComment(cmd.comment) },
  ...note(cmd.comment),
});

/** The step's task token on the return, beside the others (see ReturnSchema's `pipeline`). */
const withToken = (
  ret: Return,
  field: 'taskToken' | 'inspectionToken' | 'approvalToken',
  token: string | undefined,
): Partial<Return> => (token === undefined ? {} : { pipeline: { ...ret.pipeline, [field]: token } });

/**
 * From AUTHORIZED: the label goes on the return, with the run's token for the carrier's delivery. A
 * returnless refund needs no label: the buyer keeps the items.
 */
const issueLabel: Handler<'ISSUE_LABEL'> = (ret, cmd) => {
  if (ret.returnless || !cmd.label) return illegal(ret, cmd.type);
  return {
    to: 'LABEL_ISSUED',
    patch: {
      label: cmd.label,
      trackingNumber: cmd.label.trackingNumber,
      ...withToken(ret, 'taskToken', cmd.taskToken),
    },
    data: { carrier: cmd.label.carrier, trackingNumber: cmd.label.trackingNumber, shipBy: cmd.label.shipBy },
  };
};

/** Not a move: the shipment IssueLabel is about to buy, so that a retry buys it and no other. */
const orderLabel: Handler<'ORDER_LABEL'> = (ret, cmd) => {
  if (ret.label || ret.returnless) return illegal(ret, cmd.type);
  return {
    to: ret.status,
    patch: { labelOrder: cmd.order },
    note: 'label shipment created; buying it',
    data: { ...cmd.order },
  };
};

/** Not a move: an ended return's unused label was voided (or could not be). */
const voidLabel: Handler<'VOID_LABEL'> = (ret, cmd) => {
  if (!ret.label || !labelIsUnused(ret)) return illegal(ret, cmd.type);
  return {
    to: ret.status,
    patch: { label: { ...ret.label, void: cmd.void } },
    note: cmd.void.error
      ? `label void ${cmd.void.status}: ${cmd.void.error}`
      : `label void ${cmd.void.status}`,
    data: { status: cmd.void.status, attempts: cmd.void.attempts },
  };
};

/** Not a move: a resumed run's token waits on the return for the delivery; the label stands. */
const issueLabelAgain: Handler<'ISSUE_LABEL'> = (ret, cmd) => {
  if (cmd.label || !cmd.taskToken) return illegal(ret, cmd.type);
  return {
    to: ret.status,
    patch: withToken(ret, 'taskToken', cmd.taskToken),
    note: ret.label ? `waiting for the carrier; ship by ${ret.label.shipBy}` : 'waiting for the carrier',
  };
};

/**
 * Carrier events move a return forward only. Stale and duplicate events, and any event after delivery,
 * are recorded and ignored: carriers resend. In NEEDS_ATTENTION the event moves the point a retry
 * resumes from instead, so a delivery seen while a human looks at the return is not lost.
 */
const trackingEvent: Handler<'TRACKING_EVENT'> = (ret, cmd) => {
  const data = { eventId: cmd.eventId, status: cmd.status, occurredAt: cmd.occurredAt };
  const resumeStatus = ret.attention?.resumeStatus;
  const waiting = ret.status === 'NEEDS_ATTENTION' && resumeStatus ? resumeStatus : ret.status;
  const effect = trackingEffect(waiting, ret.lastTrackingStatus, cmd.status);
  if (!effect) return illegal(ret, cmd.type);
  const moved = effect.lastTrackingStatus !== ret.lastTrackingStatus;
  const patch: Partial<Return> = moved ? { lastTrackingStatus: effect.lastTrackingStatus } : {};
  let to = effect.status;
  if (ret.status === 'NEEDS_ATTENTION' && ret.attention) {
    if (moved) patch.attention = { ...ret.attention, resumeStatus: effect.status };
    to = ret.status;
  }
  return { to, patch, data: { ...data, ignored: effect.ignored }, ...note(effect.note) };
};

/** Not a move: the token waits on the return for the warehouse's inspection result. */
const awaitInspection: Handler<'AWAIT_INSPECTION'> = (ret, cmd) => ({
  to: ret.status,
  patch: withToken(ret, 'inspectionToken', cmd.taskToken),
  note: 'waiting for the inspection',
});

const closeUnshipped: Handler<'CLOSE_UNSHIPPED'> = (ret) => ({
  to: 'CLOSED',
  patch: { closure: { reason: 'BUYER_DID_NOT_SHIP' } },
  note: 'the buyer did not ship before the ship-by date',
  data: { reason: 'BUYER_DID_NOT_SHIP', ...(ret.label ? { shipBy: ret.label.shipBy } : {}) },
});

/** Every graded line must name a SKU of the return, so a typo never turns into a refund for nothing. */
const recordInspection: Handler<'RECORD_INSPECTION'> = (ret, cmd) => {
  assertGradesReturnedSkus(ret, cmd.inspection.lines);
  return recordedInspection(cmd);
};

/**
 * In NEEDS_ATTENTION a result for a return that waited for its inspection (the wait timed out, say) is
 * kept, and moves the point a retry resumes from to INSPECTED, as a late carrier event does for delivery.
 */
const recordInspectionWhileStuck: Handler<'RECORD_INSPECTION'> = (ret, cmd) => {
  if (!ret.attention || ret.attention.resumeStatus !== 'DELIVERED') return illegal(ret, cmd.type);
  assertGradesReturnedSkus(ret, cmd.inspection.lines);
  const recorded = recordedInspection(cmd);
  return {
    ...recorded,
    to: 'NEEDS_ATTENTION',
    patch: { ...recorded.patch, attention: { ...ret.attention, resumeStatus: 'INSPECTED' } },
  };
};

const recordedInspection = (cmd: CommandOf<'RECORD_INSPECTION'>): Change => ({
  to: 'INSPECTED',
  patch: { inspection: cmd.inspection },
  ...note(cmd.inspection.notes),
  data: { disposition: cmd.inspection.disposition, lines: cmd.inspection.lines.length },
});

/**
 * From INSPECTED, or straight from AUTHORIZED when the refund is returnless. A refund that needs a
 * person's approval keeps the run's token on the return, for approve or reject to find.
 */
const computeRefund: Handler<'COMPUTE_REFUND'> = (ret, cmd) => {
  const { refund } = cmd;
  if (!refund || (ret.status === 'AUTHORIZED' && !ret.returnless)) return illegal(ret, cmd.type);
  assertCreditFits(ret, refund.amount, 'refund/amount');
  return {
    to: refund.requiresApproval ? 'REFUND_PENDING_APPROVAL' : 'REFUND_IN_PROGRESS',
    patch: { refund, ...(refund.requiresApproval ? withToken(ret, 'approvalToken', cmd.taskToken) : {}) },
    data: { refundId: refund.refundId, amount: refund.amount, requiresApproval: refund.requiresApproval },
  };
};

/** Not a move: a resumed run's token waits on the return for a person to approve or reject the refund. */
const computeRefundAgain: Handler<'COMPUTE_REFUND'> = (ret, cmd) => {
  if (cmd.refund || !cmd.taskToken) return illegal(ret, cmd.type);
  return {
    to: ret.status,
    patch: withToken(ret, 'approvalToken', cmd.taskToken),
    note: 'waiting for the seller to approve the refund',
  };
};

const approveRefund: Handler<'APPROVE_REFUND'> = () => ({ to: 'REFUND_IN_PROGRESS' });

const rejectRefund: Handler<'REJECT_REFUND'> = (_ret, cmd) => ({
  to: 'CLOSED',
  patch: { closure: { reason: 'REFUND_REJECTED', comment: cmd.reason } },
  note: cmd.reason,
  data: { reason: 'REFUND_REJECTED' },
});

// The refund after IssueRefund asked for it: lifecycle-refund.ts.
const issueRefund: Handler<'ISSUE_REFUND'> = refunds.issueRefund;
const awaitPayout: Handler<'AWAIT_PAYOUT'> = refunds.awaitPayout;
const markPaid: Handler<'MARK_PAID'> = refunds.markPaid;
const refundEvent: Handler<'REFUND_EVENT'> = refunds.refundEvent;
const refundReminder: Handler<'REFUND_REMINDER'> = refunds.refundReminder;

/** Once per return: a refund paid again after it failed (after it had succeeded) does not restock twice. */
const applyDisposition: Handler<'APPLY_DISPOSITION'> = (ret, cmd) =>
  ret.inventoryAdjustments.length > 0
    ? { to: 'COMPLETED', note: 'the disposition was applied already', data: { adjustments: 0 } }
    : {
        to: 'COMPLETED',
        patch: { inventoryAdjustments: [...ret.inventoryAdjustments, ...cmd.adjustments] },
        data: { adjustments: cmd.adjustments.length },
      };

const recordStepFailure: Handler<'RECORD_STEP_FAILURE'> = (ret, cmd) => ({
  to: 'NEEDS_ATTENTION',
  patch: { attention: { step: cmd.step, error: clip(cmd.error), resumeStatus: ret.status } },
  note: `${cmd.step} failed: ${clip(cmd.error)}`,
  data: { step: cmd.step },
});

const retry: Handler<'RETRY'> = (ret, cmd) => {
  const attention = ret.attention;
  if (!attention || !canResumeTo(attention.resumeStatus)) return illegal(ret, cmd.type);
  return {
    to: attention.resumeStatus,
    note: `retrying ${attention.step} after: ${attention.error}`,
    data: { step: attention.step },
  };
};

const canResumeTo = (status: Status): boolean =>
  status !== 'NEEDS_ATTENTION' && !TERMINAL_STATUSES.includes(status);

/**
 * The inspection must grade each SKU of the return exactly once, and nothing else: a typo must never turn
 * into a refund for nothing, and a line left ungraded would leave the refund undecidable.
 */
const assertGradesReturnedSkus = (ret: Return, lines: readonly { sku: string }[]): void => {
  const skus = new Set(ret.items.map((item) => item.sku));
  const seen = new Set<string>();
  const issues = lines.flatMap((line, i) => {
    const field = `lines/${i}/sku`;
    if (!skus.has(line.sku))
      return [{ field, rule: `must be a SKU of the return (${[...skus].join(', ')})` }];
    if (seen.has(line.sku)) return [{ field, rule: 'must not grade a SKU twice' }];
    seen.add(line.sku);
    return [];
  });
  const missing = [...skus].filter((sku) => !seen.has(sku));
  if (issues.length === 0 && missing.length > 0) {
    issues.push({
      field: 'lines',
      rule: `must grade every SKU of the return (missing: ${missing.join(', ')})`,
    });
  }
  if (issues.length > 0) throw new ValidationError("the inspection does not grade the return's SKUs", issues);
};

/** A goodwill credit; allowed after the end too (see the table), never changes the status. */
const addConcession: Handler<'ADD_CONCESSION'> = (ret, cmd) => {
  if (ret.concessions.some((c) => c.concessionId === cmd.concession.concessionId)) {
    throw new ValidationError('the concession exists already', [
      { field: 'concessionId', rule: 'must be new on this return' },
    ]);
  }
  if (ret.concessions.length >= MAX_CONCESSIONS) {
    throw new ValidationError(`a return holds at most ${MAX_CONCESSIONS} concessions`, [
      { field: '(body)', rule: `must not be concession ${MAX_CONCESSIONS + 1} on one return` },
    ]);
  }
  assertCreditFits(ret, cmd.concession.amount, 'amount');
  return {
    to: ret.status,
    patch: { concessions: [...ret.concessions, cmd.concession] },
    note: cmd.concession.reason,
    data: { concessionId: cmd.concession.concessionId, amount: cmd.concession.amount },
  };
};

/** The provider's word on a concession: its status changes, the return's does not. */
const concessionStatus: Handler<'CONCESSION_STATUS'> = (ret, cmd) => {
  const concession = ret.concessions.find((c) => c.concessionId === cmd.concessionId);
  if (!concession) return illegal(ret, cmd.type);
  // A FAILED concession counts for nothing, so reviving it must fit under what was paid, like a new one.
  if (concession.status === 'FAILED' && cmd.status !== 'FAILED')
    assertCreditFits(ret, concession.amount, 'amount');
  const concessions = ret.concessions.map((c) =>
    c.concessionId === cmd.concessionId
      ? { ...c, status: cmd.status, ...(cmd.providerRef ? { providerRef: cmd.providerRef } : {}) }
      : c,
  );
  return {
    to: ret.status,
    patch: { concessions },
    ...note(cmd.error === undefined ? undefined : clip(cmd.error)),
    data: { concessionId: cmd.concessionId, status: cmd.status },
  };
};

// --- the table ------------------------------------------------------------------------------------------

/** Every status can fail a pipeline step except the ends and NEEDS_ATTENTION itself. */
const credits = { ADD_CONCESSION: addConcession, CONCESSION_STATUS: concessionStatus } as const;
/** Only a return with a deadline takes them: the handlers refuse a return whose deadline is another. */
const deadlines = { REMIND_DEADLINE: remindDeadline, MARK_OVERDUE: markOverdue } as const;
const inFlight = { RECORD_STEP_FAILURE: recordStepFailure, ...credits, ...deadlines } as const;

/**
 * status -> command -> handler. A command missing from a status's row is illegal there.
 *
 * Terminal statuses (COMPLETED, CLOSED, CANCELLED) never change status again. COMPLETED and CLOSED still
 * take concessions (ADD_CONCESSION, CONCESSION_STATUS): goodwill credits after the fact are normal. COMPLETED records late
 * carrier events (carriers resend) without acting on them. CANCELLED takes nothing but the void of its
 * unused label (VOID_LABEL, which CLOSED takes too): the buyer withdrew.
 */
const TABLE: Readonly<Record<Status, Row>> = {
  AUTHORIZATION_REQUIRED: { AUTHORIZE: authorize, CLOSE: close, CANCEL: cancel, ...inFlight },
  AUTHORIZED: {
    ORDER_LABEL: orderLabel,
    ISSUE_LABEL: issueLabel, // not when returnless
    COMPUTE_REFUND: computeRefund, // only when returnless
    CLOSE: close,
    CANCEL: cancel,
    ...inFlight,
  },
  LABEL_ISSUED: {
    ISSUE_LABEL: issueLabelAgain,
    TRACKING_EVENT: trackingEvent,
    CLOSE_UNSHIPPED: closeUnshipped,
    CLOSE: close,
    CANCEL: cancel,
    ...inFlight,
  },
  IN_TRANSIT: { ISSUE_LABEL: issueLabelAgain, TRACKING_EVENT: trackingEvent, ...inFlight },
  DELIVERED: {
    AWAIT_INSPECTION: awaitInspection,
    RECORD_INSPECTION: recordInspection,
    TRACKING_EVENT: trackingEvent,
    ...inFlight,
  },
  INSPECTED: { COMPUTE_REFUND: computeRefund, TRACKING_EVENT: trackingEvent, ...inFlight },
  REFUND_PENDING_APPROVAL: {
    COMPUTE_REFUND: computeRefundAgain,
    APPROVE_REFUND: approveRefund,
    REJECT_REFUND: rejectRefund,
    TRACKING_EVENT: trackingEvent,
    ...inFlight,
  },
  REFUND_IN_PROGRESS: {
    ISSUE_REFUND: issueRefund,
    AWAIT_PAYOUT: awaitPayout,
    REFUND_EVENT: refundEvent,
    TRACKING_EVENT: trackingEvent,
    ...inFlight,
  },
  REFUND_PENDING_PAYOUT: {
    AWAIT_PAYOUT: awaitPayout, // a resumed run's token only
    MARK_PAID: markPaid,
    REFUND_REMINDER: refundReminder,
    TRACKING_EVENT: trackingEvent,
    ...inFlight,
  },
  REFUNDED: {
    APPLY_DISPOSITION: applyDisposition,
    REFUND_EVENT: refundEvent,
    TRACKING_EVENT: trackingEvent,
    ...inFlight,
  },
  // A refund can fail after it succeeded: REFUND_EVENT is the one command that reopens a COMPLETED return.
  COMPLETED: { TRACKING_EVENT: trackingEvent, REFUND_EVENT: refundEvent, ...credits },
  CLOSED: { VOID_LABEL: voidLabel, ...credits },
  CANCELLED: { VOID_LABEL: voidLabel },
  NEEDS_ATTENTION: {
    RETRY: retry,
    CLOSE: close,
    TRACKING_EVENT: trackingEvent, // moves the resume point; see trackingEvent
    RECORD_INSPECTION: recordInspectionWhileStuck, // likewise
    REFUND_EVENT: refundEvent, // likewise
    MARK_PAID: markPaid, // only when the return waited for the payout
    ...credits,
    ...deadlines, // a deadline runs on while a person looks at the return
  },
};

/**
 * The command types a status can take, in lifecycle order. Some are further guarded by the return
 * itself and the command: ISSUE_LABEL only when not returnless, with a label from AUTHORIZED and with
 * only a token afterwards; COMPUTE_REFUND with a refund (from AUTHORIZED only when returnless), and in
 * REFUND_PENDING_APPROVAL with only a token;
 * TRACKING_EVENT in NEEDS_ATTENTION only when the failed step came after the label was issued,
 * RECORD_INSPECTION in NEEDS_ATTENTION only when the return was waiting for its inspection.
 */
export function allowedCommands(status: Status): LifecycleCommandType[] {
  const row = TABLE[status];
  return LIFECYCLE_COMMAND_TYPES.filter((type) => row[type] !== undefined);
}

/** A refund that fails after it succeeded reopens a COMPLETED return (NEEDS_ATTENTION); nothing else does. */
const REOPENS: readonly LifecycleCommandType[] = ['REFUND_EVENT'];

/**
 * Applies one command to a return and gives back the next return: a new object with the version bumped
 * by one, `updatedAt` set to the clock, exactly one timeline entry appended (the oldest ones dropped and
 * counted when the timeline outgrows its budget: see timeline-budget.ts), and its next deadline worked
 * out again (domain/deadlines), so every write stores it. Never mutates `ret`.
 * Throws IllegalTransitionError when the command is not allowed in the current status, and
 * ValidationError when a credit would exceed what was paid; either way nothing changes.
 */
export function transition(ret: Return, command: LifecycleCommand, ctx: TransitionContext): Return {
  const handler = TABLE[ret.status][command.type] as Handler<LifecycleCommandType> | undefined;
  if (!handler) return illegal(ret, command.type);
  const change = handler(ret, command, ctx);
  if (TERMINAL_STATUSES.includes(ret.status) && change.to !== ret.status && !REOPENS.includes(command.type)) {
    throw new Error(`lifecycle table bug: ${command.type} would move a ${ret.status} return to ${change.to}`);
  }

  const at = ctx.now.toISOString();
  const entry: TimelineEntry = {
    at,
    type: command.type,
    from: ret.status,
    to: change.to,
    actor: ctx.actor,
    ...(change.note === undefined ? {} : { note: change.note }),
    ...(change.data === undefined ? {} : { data: change.data }),
  };
  const { timeline, dropped } = boundTimeline([...ret.timeline, entry]);
  const next: Return = {
    ...ret,
    ...change.patch,
    status: change.to,
    version: ret.version + 1,
    updatedAt: at,
    timeline,
    ...(dropped > 0 ? { timelineDropped: (ret.timelineDropped ?? 0) + dropped } : {}),
  };
  // `attention` describes a NEEDS_ATTENTION return only; leaving that status clears it.
  if (next.status !== 'NEEDS_ATTENTION') delete next.attention;
  return withNextDeadline(next);
}
