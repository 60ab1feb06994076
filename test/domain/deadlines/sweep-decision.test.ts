import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_LEAD } from '../../../domain/deadlines/reminder.js';
import { sweepCommandOf, sweepWakeAt, type SweepSource } from '../../../domain/deadlines/sweep-decision.js';
import type { Deadline } from '../../../domain/deadlines/deadline.js';
import type { Offer } from '../../../domain/conversation.js';

const lead = DEFAULT_REMINDER_LEAD;

/** Amazon's 24 hours from 2026-11-20T00:00Z: reminded at 18:00, due at midnight. */
const DEADLINE: Deadline = {
  action: 'RESPOND_TO_REQUEST',
  dueAt: '2026-11-21T00:00:00.000Z',
  startedAt: '2026-11-20T00:00:00.000Z',
  rule: { id: 'AMAZON_AUTHORIZATION_24_HOURS', authority: 'amazon', source: 's', numbers: {} },
  explanation: 'e',
};

const offer = (expiresAt: string, status: Offer['status'] = 'OPEN'): Offer => ({
  offerId: 'offer-1',
  amount: { amount: 900, currency: 'USD' },
  keepItem: false,
  message: '',
  status,
  createdAt: '2026-11-19T00:00:00.000Z',
  expiresAt,
  linkNonce: 'n',
});

const at = (iso: string) => new Date(iso);

describe('the sweeper: deadlines and open offers', () => {
  it('wakes at the earlier of the deadline’s next sweep and the open offer’s expiry', () => {
    const soon = offer('2026-11-20T06:00:00.000Z');
    expect(sweepWakeAt({ nextDeadline: DEADLINE, offers: [soon] }, lead)).toEqual(at('2026-11-20T06:00:00Z'));
    const late = offer('2026-11-25T00:00:00.000Z');
    expect(sweepWakeAt({ nextDeadline: DEADLINE, offers: [late] }, lead)).toEqual(at('2026-11-20T18:00:00Z'));
    // No deadline (an own-store return has none): the offer alone puts it in the sweep.
    expect(sweepWakeAt({ offers: [late] }, lead)).toEqual(at('2026-11-25T00:00:00Z'));
    // An answered offer is not waited for; nothing ahead, nothing to wake for.
    expect(sweepWakeAt({ offers: [offer('2026-11-20T06:00:00.000Z', 'DECLINED')] }, lead)).toBeUndefined();
    expect(
      sweepWakeAt({ nextDeadline: { ...DEADLINE, remindedAt: 'r', overdueAt: 'o' } }, lead),
    ).toBeUndefined();
  });

  it('expires an open offer once its time ran out, before the deadline’s reminder or overdue mark', () => {
    const ret: SweepSource = { nextDeadline: DEADLINE, offers: [offer('2026-11-20T19:00:00.000Z')] };
    expect(sweepCommandOf(ret, lead, at('2026-11-20T18:30:00Z'))).toEqual({
      type: 'REMIND_DEADLINE',
      rule: DEADLINE.rule.id,
      dueAt: DEADLINE.dueAt,
    });
    expect(sweepCommandOf(ret, lead, at('2026-11-20T19:00:00Z'))).toEqual({
      type: 'EXPIRE_OFFER',
      offerId: 'offer-1',
    });
    // Once it is EXPIRED, the deadline's turn comes: found passed, it is overdue.
    const expired = { ...ret, offers: [offer('2026-11-20T19:00:00.000Z', 'EXPIRED')] };
    expect(sweepCommandOf(expired, lead, at('2026-11-21T01:00:00Z'))).toMatchObject({ type: 'MARK_OVERDUE' });
    expect(sweepCommandOf({ offers: expired.offers }, lead, at('2026-11-21T01:00:00Z'))).toBeUndefined();
  });

  it('leaves an offer still running alone', () => {
    const ret: SweepSource = { offers: [offer('2026-11-20T19:00:00.000Z')] };
    expect(sweepCommandOf(ret, lead, at('2026-11-20T18:59:59.999Z'))).toBeUndefined();
  });
});
