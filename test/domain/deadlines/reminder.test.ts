import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_LEAD,
  deadlineSweepAction,
  nextSweepAt,
  reminderAt,
} from '../../../domain/deadlines/reminder.js';
import type { Deadline } from '../../../domain/deadlines/deadline.js';

const deadline = (startedAt: string, dueAt: string, marks: Partial<Deadline> = {}): Deadline => ({
  action: 'RESPOND_TO_REQUEST',
  dueAt,
  startedAt,
  rule: { id: 'AMAZON_AUTHORIZATION_24_HOURS', authority: 'amazon', source: 's', numbers: {} },
  explanation: 'e',
  ...marks,
});

describe('reminders', () => {
  it('come when a quarter of the time is left, and at least 2 hours before', () => {
    // 24 hours: a quarter is 6 hours before.
    expect(
      reminderAt(deadline('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z'), DEFAULT_REMINDER_LEAD),
    ).toEqual(new Date('2026-11-20T18:00:00Z'));
    // 4 hours: a quarter would be 1 hour before; the 2-hour lead wins.
    expect(
      reminderAt(deadline('2026-11-20T00:00:00Z', '2026-11-20T04:00:00Z'), DEFAULT_REMINDER_LEAD),
    ).toEqual(new Date('2026-11-20T02:00:00Z'));
  });

  it('the sweeper reminds once, then marks the deadline overdue once it has passed, then leaves it', () => {
    const d = deadline('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z');
    const lead = DEFAULT_REMINDER_LEAD;
    expect(deadlineSweepAction(d, lead, new Date('2026-11-20T17:59:59Z'))).toBeUndefined();
    expect(deadlineSweepAction(d, lead, new Date('2026-11-20T18:00:00Z'))).toBe('REMIND_DEADLINE');
    const reminded = { ...d, remindedAt: '2026-11-20T18:00:01Z' };
    expect(deadlineSweepAction(reminded, lead, new Date('2026-11-21T00:00:00Z'))).toBeUndefined();
    expect(nextSweepAt(reminded, lead)).toEqual(new Date('2026-11-21T00:00:00.001Z'));
    expect(deadlineSweepAction(reminded, lead, new Date('2026-11-21T00:00:00.001Z'))).toBe('MARK_OVERDUE');
    // Found passed without a reminder (the sweeper was down): overdue, not a late reminder.
    expect(deadlineSweepAction(d, lead, new Date('2026-11-22T00:00:00Z'))).toBe('MARK_OVERDUE');
    const overdue = { ...reminded, overdueAt: '2026-11-21T00:01:00Z' };
    expect(deadlineSweepAction(overdue, lead, new Date('2026-11-22T00:00:00Z'))).toBeUndefined();
    expect(nextSweepAt(overdue, lead)).toBeUndefined();
  });
});
