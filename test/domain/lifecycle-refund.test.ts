import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { refundEventSeen } from '../../domain/lifecycle-refund.js';
import { paymentKeyOf } from '../../domain/refund.js';
import { addBusinessDays, refundWaitVerdict } from '../../domain/refund-wait.js';
import type { Return, Status } from '../../domain/return.js';
import { makeReturn } from '../support/return-factory.js';
import { deepFreeze } from './arbitraries.js';

const at = (iso: string) => ({ now: new Date(iso), actor: { kind: 'system' as const, id: 'payments' } });
const NOW = at('2026-11-20T10:00:00Z');
const apply = (ret: Return, ...commands: LifecycleCommand[]): Return =>
  commands.reduce((acc, command) => transition(deepFreeze(acc), command, NOW), ret);

/** A refund IssueRefund has sent to the provider, which has not answered yet. */
const inProgress = (): Return => {
  const ret = makeReturn({ sellerId: 's-1', status: 'REFUND_IN_PROGRESS' });
  return { ...ret, refund: { ...ret.refund!, status: 'SUBMITTED' } };
};
const key = (ret: Return) => paymentKeyOf(ret.refund!);
const event = (
  ret: Return,
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED',
  eventId: string,
): LifecycleCommand => ({
  type: 'REFUND_EVENT',
  eventId,
  paymentKey: key(ret),
  providerRef: 're_1',
  status,
  ...(status === 'FAILED' ? { failureReason: 'expired_or_canceled_card' } : {}),
});

describe("the refund's provider events", () => {
  it('pending, then succeeded: IN_PROGRESS with the reference, then REFUNDED', () => {
    const ret = inProgress();
    const pending = apply(ret, event(ret, 'IN_PROGRESS', 'evt_1'));
    expect(pending).toMatchObject({
      status: 'REFUND_IN_PROGRESS',
      refund: { status: 'IN_PROGRESS', providerRef: 're_1' },
    });
    const done = apply(pending, event(ret, 'COMPLETED', 'evt_2'));
    expect(done).toMatchObject({ status: 'REFUNDED', refund: { status: 'COMPLETED' } });
    expect(refundEventSeen(done, 'evt_2')).toBe(true);
    expect(refundEventSeen(done, 'evt_3')).toBe(false);
  });

  it('never moves a refund backwards: pending after succeeded is recorded and ignored', () => {
    const ret = inProgress();
    const done = apply(ret, event(ret, 'COMPLETED', 'evt_2'));
    const late = apply(done, event(ret, 'IN_PROGRESS', 'evt_1'));
    expect(late).toMatchObject({ status: 'REFUNDED', refund: { status: 'COMPLETED' } });
    expect(late.timeline.at(-1)).toMatchObject({
      type: 'REFUND_EVENT',
      data: { ignored: true, eventId: 'evt_1' },
    });
  });

  it("ignores an earlier attempt's refund", () => {
    const ret = inProgress();
    const other = { ...event(ret, 'COMPLETED', 'evt_9'), paymentKey: `${key(ret)}-2` } as LifecycleCommand;
    expect(apply(ret, other)).toMatchObject({
      status: 'REFUND_IN_PROGRESS',
      refund: { status: 'SUBMITTED' },
    });
  });

  it.each<Status>(['REFUND_IN_PROGRESS', 'REFUNDED', 'COMPLETED'])(
    'a refund that fails in %s sends the return to NEEDS_ATTENTION with the refund FAILED',
    (status) => {
      let ret = inProgress();
      ret = apply(ret, event(ret, 'COMPLETED', 'evt_1'));
      if (status === 'REFUND_IN_PROGRESS') ret = inProgress();
      if (status === 'COMPLETED') ret = apply(ret, { type: 'APPLY_DISPOSITION', adjustments: [] });
      expect(ret.status).toBe(status);
      const failed = apply(ret, event(ret, 'FAILED', 'evt_f'));
      expect(failed).toMatchObject({
        status: 'NEEDS_ATTENTION',
        refund: { status: 'FAILED', failureReason: 'expired_or_canceled_card' },
        attention: { step: 'IssueRefund', resumeStatus: 'REFUND_IN_PROGRESS' },
      });
      if (status !== 'REFUND_IN_PROGRESS') expect(failed.attention!.error).toMatch(/after it had succeeded/);
    },
  );

  it('a retry pays a failed refund again as a new attempt, with its own key derived from the return', () => {
    let ret = inProgress();
    ret = apply(ret, event(ret, 'FAILED', 'evt_f'), { type: 'RETRY' });
    const again = apply(ret, { type: 'ISSUE_REFUND', status: 'IN_PROGRESS' });
    expect(again.refund).toMatchObject({ status: 'IN_PROGRESS', attempt: 2 });
    expect(again.refund!.providerRef).toBeUndefined();
    expect(key(again)).toBe(`${ret.refund!.refundId}-2`);
    expect(again.timeline.at(-1)!.note).toBe(
      `paying again after the refund failed, as ${ret.refund!.refundId}-2`,
    );
  });
});

describe('a manual payout', () => {
  it('waits in REFUND_PENDING_PAYOUT with the token, then MARK_PAID makes it REFUNDED with the payout', () => {
    const waiting = apply(inProgress(), { type: 'AWAIT_PAYOUT', taskToken: 'tok-1' });
    expect(waiting).toMatchObject({
      status: 'REFUND_PENDING_PAYOUT',
      refund: { status: 'IN_PROGRESS', method: 'MANUAL' },
      pipeline: { refundToken: 'tok-1' },
    });
    const paid = apply(waiting, { type: 'MARK_PAID', reference: 'AMZ-9', paidAt: '2026-11-20T09:00:00Z' });
    expect(paid).toMatchObject({
      status: 'REFUNDED',
      refund: { status: 'COMPLETED', payout: { reference: 'AMZ-9', paidAt: '2026-11-20T09:00:00Z' } },
    });
  });

  it('MARK_PAID is refused on a return that does not wait for a payout', () => {
    expect(() =>
      apply(inProgress(), { type: 'MARK_PAID', reference: 'x', paidAt: '2026-11-20T09:00:00Z' }),
    ).toThrow(IllegalTransitionError);
  });
});

describe('how long a refund may wait', () => {
  it('counts business days, skipping the weekend', () => {
    // Thursday 2026-11-19 + 2 business days = Monday 2026-11-23.
    expect(addBusinessDays(new Date('2026-11-19T10:00:00Z'), 2).toISOString()).toBe(
      '2026-11-23T10:00:00.000Z',
    );
  });

  it('reminds after 2 business days, once, and is overdue past the limit', () => {
    const waiting = transition(
      inProgress(),
      { type: 'AWAIT_PAYOUT', taskToken: 't' },
      at('2026-11-19T10:00:00Z'),
    );
    expect(refundWaitVerdict(waiting, new Date('2026-11-20T10:00:00Z'), 5)).toBe('waits');
    expect(refundWaitVerdict(waiting, new Date('2026-11-23T10:00:00Z'), 5)).toBe('remind');
    const reminded = transition(waiting, { type: 'REFUND_REMINDER' }, at('2026-11-23T10:00:00Z'));
    expect(refundWaitVerdict(reminded, new Date('2026-11-24T10:00:00Z'), 5)).toBe('waits');
    expect(refundWaitVerdict(reminded, new Date('2026-11-26T10:00:00Z'), 5)).toBe('overdue');
  });

  it('does not wait for a refund that is paid', () => {
    expect(refundWaitVerdict(makeReturn({ sellerId: 's-1', status: 'COMPLETED' }), new Date(), 5)).toBe(
      'not-waiting',
    );
  });
});
