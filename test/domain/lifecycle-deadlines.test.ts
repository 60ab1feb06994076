import { describe, expect, it } from 'vitest';
import { transition } from '../../domain/lifecycle.js';
import { openReturn } from '../../domain/open-return.js';
import { defaultPolicy } from '../../domain/policy.js';
import { IllegalTransitionError } from '../../domain/errors.js';
import { CREATE_RETURN_EXAMPLE } from '../../functions/api/openapi/examples.js';
import type { Return } from '../../domain/return.js';

const address = { name: 'R', line1: '1 Way', city: 'Reno', postalCode: '89501', country: 'US' };
const requestedAt = new Date('2026-11-20T15:00:00.000Z');
const at = (hours: number) => ({
  now: new Date(requestedAt.getTime() + hours * 3_600_000),
  actor: { kind: 'system' } as const,
});

/** A request the seller must authorize (its policy does not), opened at `requestedAt`. */
const waiting = (): Return =>
  openReturn({
    id: '01KB0000000000000000000001',
    rma: 'RMA-00000-00001',
    sellerId: 's-1',
    request: { ...CREATE_RETURN_EXAMPLE, deliveredAt: '2026-11-15T10:00:00Z' },
    policy: { ...defaultPolicy('US', address), autoAuthorize: false },
    now: requestedAt,
  });

describe('deadlines on the return', () => {
  it('a new return carries its next deadline, and every transition works it out again', () => {
    const ret = waiting();
    expect(ret.nextDeadline).toMatchObject({
      action: 'RESPOND_TO_REQUEST',
      dueAt: '2026-11-21T15:00:00.000Z',
      rule: { id: 'AMAZON_AUTHORIZATION_24_HOURS' },
    });
    const closed = transition(ret, { type: 'CLOSE', reason: 'OUTSIDE_POLICY' }, at(1));
    expect(closed).not.toHaveProperty('nextDeadline');
  });

  it('records the reminder once, on the deadline it names, with a timeline entry', () => {
    const ret = waiting();
    const mark = {
      type: 'REMIND_DEADLINE',
      rule: 'AMAZON_AUTHORIZATION_24_HOURS',
      dueAt: ret.nextDeadline!.dueAt,
    } as const;
    const reminded = transition(ret, mark, at(18));
    expect(reminded.status).toBe('AUTHORIZATION_REQUIRED');
    expect(reminded.nextDeadline?.remindedAt).toBe('2026-11-21T09:00:00.000Z');
    expect(reminded.timeline.at(-1)).toMatchObject({
      type: 'REMIND_DEADLINE',
      note: 'the seller was reminded to authorize or close the request by 2026-11-21T15:00:00.000Z (AMAZON_AUTHORIZATION_24_HOURS)',
      data: { action: 'RESPOND_TO_REQUEST', rule: 'AMAZON_AUTHORIZATION_24_HOURS' },
    });
    expect(() => transition(reminded, mark, at(19))).toThrow(IllegalTransitionError);
    expect(() => transition(ret, { ...mark, dueAt: '2026-11-22T15:00:00.000Z' }, at(18))).toThrow(
      IllegalTransitionError,
    );
  });

  it('marks the deadline overdue only once it has passed, and a new deadline starts unmarked', () => {
    const ret = waiting();
    const mark = {
      type: 'MARK_OVERDUE',
      rule: 'AMAZON_AUTHORIZATION_24_HOURS',
      dueAt: ret.nextDeadline!.dueAt,
    } as const;
    expect(() => transition(ret, mark, at(24))).toThrow(IllegalTransitionError);
    const overdue = transition(ret, mark, at(25));
    expect(overdue.nextDeadline?.overdueAt).toBe('2026-11-21T16:00:00.000Z');
    expect(overdue.timeline.at(-1)?.note).toMatch(/^overdue: authorize or close the request was due by/);
    expect(() => transition(overdue, mark, at(26))).toThrow(IllegalTransitionError);

    const authorized = transition(overdue, { type: 'AUTHORIZE' }, at(26));
    expect(authorized.nextDeadline).toMatchObject({
      action: 'ISSUE_LABEL',
      rule: { id: 'AMAZON_LABEL_24_HOURS' },
    });
    expect(authorized.nextDeadline?.overdueAt).toBeUndefined();
  });
});
