import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEADLINE_RULES,
  STAGE_OF_STATUS,
  type DeadlineStage,
} from '../../../domain/deadlines/deadline-rules.js';
import { nextDeadline, openDeadlines, stageOf } from '../../../domain/deadlines/next-deadline.js';
import { isBusinessDay } from '../../../domain/deadlines/holidays.js';
import { localDayOf } from '../../../domain/deadlines/calendar-day.js';
import type { DeadlineAction } from '../../../domain/deadlines/deadline.js';
import type { Marketplace } from '../../../domain/marketplaces.js';
import { STATUSES, type Status } from '../../../domain/return.js';
import { carrierEntry, deadlineSource } from './deadline-source.js';

const HOUR = 3_600_000;
const MARKETPLACES = Object.keys(DEADLINE_RULES.marketplaces) as Marketplace[];
const OPEN: Status[] = STATUSES.filter((s) => s !== 'NEEDS_ATTENTION');

/** A return anywhere in its life: requested after delivery, maybe scanned, maybe received, in 2025-2028. */
const arbSource = fc
  .record({
    marketplace: fc.constantFrom(...MARKETPLACES),
    channelPick: fc.nat(),
    status: fc.constantFrom(...STATUSES),
    resumeStatus: fc.constantFrom(...OPEN),
    returnless: fc.boolean(),
    deliveredAt: fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2028-06-01') }),
    requestAfter: fc.integer({ min: 0, max: 40 * 24 * HOUR }),
    scanAfter: fc.option(fc.integer({ min: 0, max: 30 * 24 * HOUR })),
    receiptAfterScan: fc.option(fc.integer({ min: 0, max: 20 * 24 * HOUR })),
  })
  .map((g) => {
    const channels = DEADLINE_RULES.marketplaces[g.marketplace]!.channels;
    const requestedAt = g.deliveredAt + g.requestAfter;
    const scan = g.scanAfter === null ? undefined : requestedAt + g.scanAfter;
    const receipt = scan === undefined || g.receiptAfterScan === null ? undefined : scan + g.receiptAfterScan;
    const iso = (ms: number) => new Date(ms).toISOString();
    return deadlineSource({
      marketplace: g.marketplace,
      channel: channels[g.channelPick % channels.length]!,
      status: g.status,
      returnless: g.returnless,
      ...(g.status === 'NEEDS_ATTENTION'
        ? { attention: { step: 'IssueRefund', error: 'x', resumeStatus: g.resumeStatus } }
        : {}),
      deliveredAt: iso(g.deliveredAt),
      requestedAt: iso(requestedAt),
      timeline: [
        {
          at: iso(requestedAt),
          type: 'AUTHORIZE',
          from: 'AUTHORIZATION_REQUIRED',
          to: 'AUTHORIZED',
          actor: { kind: 'policy' },
        },
        ...(scan === undefined ? [] : [carrierEntry('IN_TRANSIT', iso(scan), 'IN_TRANSIT')]),
        ...(receipt === undefined ? [] : [carrierEntry('DELIVERED', iso(receipt), 'DELIVERED')]),
      ],
    });
  });

const rulesById = new Map(
  [...Object.values(DEADLINE_RULES.platforms), ...Object.values(DEADLINE_RULES.laws)]
    .flat()
    .map((r) => [r.id, r]),
);

describe('deadline properties', () => {
  it('a deadline counted in business days never falls on a non-business day', () => {
    fc.assert(
      fc.property(arbSource, (source) => {
        const calendar = DEADLINE_RULES.marketplaces[source.marketplace]!.calendar;
        for (const deadline of openDeadlines(source)) {
          if (rulesById.get(deadline.rule.id)!.period.unit !== 'businessDays') continue;
          expect(isBusinessDay(calendar, localDayOf(new Date(deadline.dueAt), calendar.timeZone))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the EU and UK statutory date is never later than 14 calendar days after the request', () => {
    fc.assert(
      fc.property(arbSource, (source) => {
        const { timeZone } = DEADLINE_RULES.marketplaces[source.marketplace]!.calendar;
        for (const deadline of openDeadlines(source)) {
          if (deadline.action !== 'REFUND_BY_STATUTORY_DATE') continue;
          const statutory = new Date(String(deadline.rule.numbers.periodEndsAt));
          const requested = new Date(source.requestedAt!);
          expect(localDayOf(statutory, timeZone) - localDayOf(requested, timeZone)).toBeLessThanOrEqual(14);
          // The 14th day ends at local midnight: under 15 days later, plus the hour a clock going back
          // in autumn adds.
          expect(statutory.getTime() - requested.getTime()).toBeLessThanOrEqual(15 * 24 * HOUR + HOUR);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('withholding only ever moves the date to the receipt or the proof of sending, whichever came first', () => {
    fc.assert(
      fc.property(arbSource, (source) => {
        for (const deadline of openDeadlines(source)) {
          if (deadline.action !== 'REFUND_BY_STATUTORY_DATE') continue;
          const { periodEndsAt, receivedAt, proofOfSendingAt } = deadline.rule.numbers;
          if (deadline.dueAt === new Date(String(periodEndsAt)).toISOString()) continue;
          const release = [receivedAt, proofOfSendingAt]
            .filter((t) => t !== undefined)
            .map((t) => Date.parse(String(t)))
            .sort((a, b) => a - b)[0];
          expect(Date.parse(deadline.dueAt)).toBe(release);
          expect(Date.parse(deadline.dueAt)).toBeGreaterThan(Date.parse(String(periodEndsAt)));
        }
      }),
      { numRuns: 500 },
    );
  });

  const ACTIONS_OF: Record<DeadlineStage, DeadlineAction[]> = {
    REQUESTED: ['RESPOND_TO_REQUEST', 'REFUND_BY_STATUTORY_DATE'],
    AUTHORIZED: ['ISSUE_LABEL', 'REFUND_BY_STATUTORY_DATE'],
    RETURNING: ['REFUND_BY_STATUTORY_DATE'],
    REFUND_DUE: ['REFUND_AFTER_RECEIPT', 'REFUND_BY_STATUTORY_DATE'],
    REPLACEMENT_DUE: ['SHIP_REPLACEMENT'],
  };

  it('every status has at most one open deadline: the earliest rule that runs in it, of an action it can take', () => {
    fc.assert(
      fc.property(arbSource, (source) => {
        const open = openDeadlines(source);
        const next = nextDeadline(source);
        const stage = stageOf(source);
        if (stage === undefined) {
          expect(open).toEqual([]);
          expect(next).toBeUndefined();
          return;
        }
        // One deadline per rule at most, and the one shown is the earliest.
        expect(new Set(open.map((d) => d.rule.id)).size).toBe(open.length);
        expect(next === undefined).toBe(open.length === 0);
        for (const d of open) {
          expect(ACTIONS_OF[stage]).toContain(d.action);
          expect(Date.parse(next!.dueAt)).toBeLessThanOrEqual(Date.parse(d.dueAt));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('maps every status to a stage, so a new status cannot be left without its deadlines', () => {
    expect(Object.keys(STAGE_OF_STATUS).sort()).toEqual([...STATUSES].sort());
  });
});
