import { describe, expect, it } from 'vitest';
import { nextDeadline, openDeadlines, withNextDeadline } from '../../../domain/deadlines/next-deadline.js';
import { carrierEntry, deadlineSource } from './deadline-source.js';

describe('the deadline engine', () => {
  it('Amazon: a request that needs authorization is answered within 24 hours of the request', () => {
    const deadline = nextDeadline(
      deadlineSource({
        marketplace: 'US',
        status: 'AUTHORIZATION_REQUIRED',
        requestedAt: '2026-11-20T15:30:00.000Z',
      }),
    );
    expect(deadline).toMatchObject({
      action: 'RESPOND_TO_REQUEST',
      dueAt: '2026-11-21T15:30:00.000Z',
      startedAt: '2026-11-20T15:30:00.000Z',
      rule: {
        id: 'AMAZON_AUTHORIZATION_24_HOURS',
        authority: 'amazon',
        numbers: { hours: 24, from: 'REQUEST' },
      },
    });
    // Hours are hours: a Saturday and a holiday count like any other day.
    expect(
      nextDeadline(
        deadlineSource({
          marketplace: 'US',
          status: 'AUTHORIZATION_REQUIRED',
          requestedAt: '2026-11-26T08:00:00.000Z',
        }),
      )?.dueAt,
    ).toBe('2026-11-27T08:00:00.000Z');
    expect(deadline?.explanation).toContain('24 hours');
  });

  it('Amazon: the refund is due by the end of the second business day after receipt, skipping Thanksgiving and the weekend', () => {
    // Received on Wednesday 25 November 2026 (Pacific): Thursday is Thanksgiving, then a weekend.
    const received = '2026-11-25T18:00:00.000Z';
    const deadline = nextDeadline(
      deadlineSource({
        marketplace: 'US',
        status: 'DELIVERED',
        timeline: [
          carrierEntry('IN_TRANSIT', '2026-11-20T12:00:00.000Z', 'IN_TRANSIT'),
          carrierEntry('DELIVERED', received, 'DELIVERED'),
        ],
      }),
    );
    expect(deadline).toMatchObject({
      action: 'REFUND_AFTER_RECEIPT',
      // Friday 27 is day 1, Monday 30 day 2; its end in Los Angeles is 08:00 UTC on 1 December.
      dueAt: '2026-12-01T07:59:59.999Z',
      rule: {
        id: 'AMAZON_REFUND_2_BUSINESS_DAYS',
        numbers: {
          businessDays: 2,
          from: 'RECEIPT',
          startedAt: received,
          timeZone: 'America/Los_Angeles',
          skippedDays: '2026-11-26 (Thanksgiving Day), 2026-11-28 (weekend), 2026-11-29 (weekend)',
        },
      },
    });
    expect(deadline?.explanation).toContain('not counting 2026-11-26 (Thanksgiving Day)');
  });

  it('the refund deadline holds in every status the refund is owed in, and ends with the refund', () => {
    const timeline = [carrierEntry('DELIVERED', '2026-11-02T10:00:00.000Z', 'DELIVERED')];
    for (const status of [
      'DELIVERED',
      'INSPECTED',
      'REFUND_PENDING_APPROVAL',
      'REFUND_IN_PROGRESS',
    ] as const) {
      expect(nextDeadline(deadlineSource({ marketplace: 'US', status, timeline }))?.action).toBe(
        'REFUND_AFTER_RECEIPT',
      );
    }
    expect(nextDeadline(deadlineSource({ marketplace: 'US', status: 'REFUNDED', timeline }))).toBeUndefined();
    // A step failed while the refund was owed: the deadline still runs.
    expect(
      nextDeadline(
        deadlineSource({
          marketplace: 'US',
          status: 'NEEDS_ATTENTION',
          attention: { step: 'IssueRefund', error: 'declined', resumeStatus: 'REFUND_IN_PROGRESS' },
          timeline,
        }),
      )?.rule.id,
    ).toBe('AMAZON_REFUND_2_BUSINESS_DAYS');
  });

  it('eBay: 3 business days to respond, 5 to refund after receipt', () => {
    // Requested Friday 3 April 2026 in the UK: Good Friday, then the weekend and Easter Monday.
    const respond = nextDeadline(
      deadlineSource({
        marketplace: 'UK',
        channel: 'ebay',
        status: 'AUTHORIZATION_REQUIRED',
        requestedAt: '2026-04-03T09:00:00.000Z',
      }),
    );
    expect(respond).toMatchObject({
      action: 'RESPOND_TO_REQUEST',
      rule: { id: 'EBAY_RESPOND_3_BUSINESS_DAYS' },
    });
    // Tue 7, Wed 8, Thu 9 April; the end of Thursday in London (BST) is 22:59:59.999 UTC.
    expect(respond?.dueAt).toBe('2026-04-09T22:59:59.999Z');
    expect(respond?.rule.numbers.skippedDays).toBe(
      '2026-04-04 (weekend), 2026-04-05 (weekend), 2026-04-06 (Easter Monday)',
    );
  });

  describe('EU: 14 days from the withdrawal, withheld until the goods are back or proven sent', () => {
    const requestedAt = '2026-03-02T09:00:00.000Z';
    const de = { marketplace: 'DE', channel: 'own-store', requestedAt } as const;

    it('with the goods back in time: the 14th day after the request', () => {
      const deadline = nextDeadline(
        deadlineSource({
          ...de,
          status: 'DELIVERED',
          timeline: [
            carrierEntry('IN_TRANSIT', '2026-03-04T09:00:00.000Z', 'IN_TRANSIT'),
            carrierEntry('DELIVERED', '2026-03-06T09:00:00.000Z', 'DELIVERED'),
          ],
        }),
      );
      expect(deadline).toMatchObject({
        action: 'REFUND_BY_STATUTORY_DATE',
        // The end of 16 March in Berlin (CET) is 22:59:59.999 UTC.
        dueAt: '2026-03-16T22:59:59.999Z',
        rule: {
          id: 'EU_REFUND_14_DAYS',
          authority: 'EU',
          numbers: {
            calendarDays: 14,
            proofOfSendingAt: '2026-03-04T09:00:00.000Z',
            receivedAt: '2026-03-06T09:00:00.000Z',
          },
        },
      });
      expect(deadline?.rule.numbers.withheldUntil).toBeUndefined();
    });

    it('without the goods back and no proof of sending: no date yet, the refund may wait', () => {
      expect(openDeadlines(deadlineSource({ ...de, status: 'LABEL_ISSUED' }))).toEqual([]);
    });

    it('proof of sending after the 14 days: due at the first carrier scan', () => {
      const scan = '2026-03-20T08:00:00.000Z';
      const deadline = nextDeadline(
        deadlineSource({
          ...de,
          status: 'IN_TRANSIT',
          timeline: [carrierEntry('IN_TRANSIT', scan, 'IN_TRANSIT')],
        }),
      );
      expect(deadline).toMatchObject({ dueAt: scan, rule: { numbers: { withheldUntil: scan } } });
      expect(deadline?.explanation).toContain('the first carrier scan proved them sent');
    });

    it('an Amazon return in Germany owes the earlier of the law’s date and Amazon’s', () => {
      const received = '2026-03-13T09:00:00.000Z'; // a Friday
      const deadlines = openDeadlines(
        deadlineSource({
          ...de,
          channel: 'amazon',
          status: 'DELIVERED',
          timeline: [carrierEntry('DELIVERED', received, 'DELIVERED')],
        }),
      );
      expect(deadlines.map((d) => [d.rule.id, d.dueAt])).toEqual([
        ['EU_REFUND_14_DAYS', '2026-03-16T22:59:59.999Z'],
        ['AMAZON_REFUND_2_BUSINESS_DAYS', '2026-03-17T22:59:59.999Z'],
      ]);
      expect(
        nextDeadline(
          deadlineSource({
            ...de,
            channel: 'amazon',
            status: 'DELIVERED',
            timeline: [carrierEntry('DELIVERED', received, 'DELIVERED')],
          }),
        )?.rule.id,
      ).toBe('EU_REFUND_14_DAYS');
    });

    it('a returnless refund is not withheld: nothing comes back', () => {
      const deadline = nextDeadline(
        deadlineSource({
          ...de,
          status: 'AUTHORIZED',
          returnless: true,
          timeline: [
            {
              at: requestedAt,
              type: 'AUTHORIZE',
              from: 'AUTHORIZATION_REQUIRED',
              to: 'AUTHORIZED',
              actor: { kind: 'policy' },
            },
          ],
        }),
      );
      expect(deadline).toMatchObject({
        action: 'REFUND_BY_STATUTORY_DATE',
        dueAt: '2026-03-16T22:59:59.999Z',
      });
    });
  });

  it('Japan: a withdrawal within 8 days of delivery, the delivery day included, is answered by the end of the 8th day', () => {
    const jp = {
      marketplace: 'JP',
      channel: 'own-store',
      status: 'AUTHORIZATION_REQUIRED',
      deliveredAt: '2026-04-28T03:00:00.000Z', // 12:00 in Tokyo
    } as const;
    expect(nextDeadline(deadlineSource({ ...jp, requestedAt: '2026-05-01T00:00:00.000Z' }))).toMatchObject({
      action: 'RESPOND_TO_REQUEST',
      dueAt: '2026-05-05T14:59:59.999Z', // the end of 5 May in Tokyo: 28 April is day 1
      rule: { id: 'JP_WITHDRAWAL_8_DAYS', numbers: { calendarDays: 8, from: 'DELIVERY_TO_BUYER' } },
    });
    // Asked after the 8 days: no statutory withdrawal, so no deadline from the law.
    expect(nextDeadline(deadlineSource({ ...jp, requestedAt: '2026-05-10T00:00:00.000Z' }))).toBeUndefined();
  });

  it('keeps the reminder and overdue marks of the same deadline, and drops them for a new one', () => {
    const source = deadlineSource({ marketplace: 'US', status: 'AUTHORIZATION_REQUIRED' });
    const marked = withNextDeadline({
      ...source,
      nextDeadline: { ...nextDeadline(source)!, remindedAt: '2026-11-02T20:00:00.000Z' },
    });
    expect(marked.nextDeadline?.remindedAt).toBe('2026-11-02T20:00:00.000Z');
    const moved = withNextDeadline({ ...marked, status: 'AUTHORIZED' as const });
    expect(moved.nextDeadline?.rule.id).toBe('AMAZON_LABEL_24_HOURS');
    expect(moved.nextDeadline?.remindedAt).toBeUndefined();
    expect('nextDeadline' in withNextDeadline({ ...marked, status: 'CLOSED' as const })).toBe(false);
  });
});
