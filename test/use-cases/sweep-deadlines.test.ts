import { describe, expect, it } from 'vitest';
import { openReturn } from '../../domain/open-return.js';
import { transition } from '../../domain/lifecycle.js';
import type { Offer } from '../../domain/conversation.js';
import { defaultPolicy } from '../../domain/policy.js';
import { DEFAULT_REMINDER_LEAD } from '../../domain/deadlines/reminder.js';
import { sweepDeadlines } from '../../functions/use-cases/sweep-deadlines.js';
import { CREATE_RETURN_EXAMPLE } from '../../functions/api/openapi/examples.js';
import { FixedClock } from '../support/in-memory/clock.js';
import { InMemoryDeadlineSweepIndex } from '../support/in-memory/deadline-sweep-index.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { TEST_RETURN_ADDRESS } from '../support/return-factory.js';

const HOUR = 3_600_000;
const requestedAt = new Date('2026-11-20T15:00:00.000Z');

/** An offer of $9.00 made at `requestedAt`, open for `hours`. */
const offerFor = (hours: number): Offer => ({
  offerId: 'offer-1',
  amount: { amount: 900, currency: 'USD' },
  keepItem: false,
  message: '',
  status: 'OPEN',
  createdAt: requestedAt.toISOString(),
  expiresAt: new Date(requestedAt.getTime() + hours * HOUR).toISOString(),
  linkNonce: 'n',
});

/**
 * A US request waiting for the seller: Amazon's 24 hours run from `requestedAt`; with `offer`, the
 * seller offered it at once.
 */
const setUp = (offer?: Offer) => {
  const opened = openReturn({
    id: '01KB0000000000000000000002',
    rma: 'RMA-00000-00002',
    sellerId: TEST_SELLER.sellerId,
    request: { ...CREATE_RETURN_EXAMPLE, deliveredAt: '2026-11-15T10:00:00Z' },
    policy: { ...defaultPolicy('US', TEST_RETURN_ADDRESS), autoAuthorize: false },
    now: requestedAt,
  });
  const ret = offer
    ? transition(
        opened,
        { type: 'MAKE_OFFER', offer },
        { now: requestedAt, actor: { kind: 'seller', id: TEST_SELLER.sellerId } },
      )
    : opened;
  const world = inMemoryWorld([ret]);
  const clock = new FixedClock(requestedAt);
  const deadlines = new InMemoryDeadlineSweepIndex(world.returns, DEFAULT_REMINDER_LEAD);
  const deps = { ...world, clock, deadlines, reminderLead: DEFAULT_REMINDER_LEAD };
  return { ret, world, clock, deadlines, deps };
};

describe('sweepDeadlines', () => {
  it('records a reminder when a quarter of the time is left; its event mails the seller once', async () => {
    const { ret, world, clock, deps } = setUp();
    clock.advance(17 * HOUR);
    expect(await sweepDeadlines(deps)).toMatchObject({ reminded: [], overdue: [], failed: [] });
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);

    clock.advance(1 * HOUR); // 18 hours in: 6 of 24 left
    expect((await sweepDeadlines(deps)).reminded).toEqual([{ sellerId: ret.sellerId, id: ret.id }]);
    expect(world.returns.latest(ret).outbox?.pending.map((e) => e.type)).toEqual([
      'return.deadline_reminder',
    ]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({
        to: TEST_SELLER.email,
        subject: `Reminder: return ${ret.rma} is due by 2026-11-21 15:00 UTC`,
        text: expect.stringContaining('AMAZON_AUTHORIZATION_24_HOURS'),
      }),
    ]);
    const stored = world.returns.latest(ret);
    expect(stored.nextDeadline?.remindedAt).toBe('2026-11-21T09:00:00.000Z');
    expect(stored.timeline.at(-1)).toMatchObject({ type: 'REMIND_DEADLINE', actor: { kind: 'system' } });

    clock.advance(1 * HOUR);
    await sweepDeadlines(deps);
    await dispatchAll(world);
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('a sweep that loses every race records and mails nothing; the next one reminds once', async () => {
    const { ret, world, clock, deadlines, deps } = setUp();
    clock.advance(18 * HOUR);
    for (let i = 0; i < 3; i++) world.returns.raceNextUpdate((r) => ({ ...r, version: r.version + 1 }));
    const first = await sweepDeadlines(deps);
    expect(first.failed.map((f) => f.ref.id)).toEqual([ret.id]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
    expect(deadlines.swept).toEqual([]); // the watermark stays: the next sweep tries again

    const second = await sweepDeadlines(deps);
    expect(second.reminded).toHaveLength(1);
    await dispatchAll(world);
    await dispatchAll(world);
    expect(world.mailer.sent).toHaveLength(1);
    expect(world.returns.latest(ret).nextDeadline?.remindedAt).toBeDefined();
    expect(deadlines.swept).toHaveLength(1);
  });

  it('marks a passed deadline overdue once, with a timeline entry; found passed, it sends no late reminder', async () => {
    const { ret, world, clock, deps } = setUp();
    clock.advance(25 * HOUR);
    const outcome = await sweepDeadlines(deps);
    expect(outcome.overdue.map((r) => r.id)).toEqual([ret.id]);
    expect(world.returns.latest(ret).outbox?.pending.map((e) => e.type)).toEqual(['return.overdue']);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
    const stored = world.returns.latest(ret);
    expect(stored.status).toBe('AUTHORIZATION_REQUIRED');
    expect(stored.nextDeadline?.overdueAt).toBe('2026-11-21T16:00:00.000Z');
    expect(stored.timeline.at(-1)).toMatchObject({
      type: 'MARK_OVERDUE',
      data: { rule: 'AMAZON_AUTHORIZATION_24_HOURS', dueAt: '2026-11-21T15:00:00.000Z' },
    });
    expect((await sweepDeadlines(deps)).overdue).toEqual([]);
  });

  it('marks an unanswered offer EXPIRED once its time ran out and tells the seller once; the deadline’s reminder still goes once', async () => {
    const { ret, world, clock, deps } = setUp(offerFor(10));
    clock.advance(10 * HOUR - 1);
    expect(await sweepDeadlines(deps)).toMatchObject({ expired: [], reminded: [] });
    expect(world.returns.latest(ret).offers?.[0]?.status).toBe('OPEN');

    clock.advance(1); // the offer's expiresAt
    const outcome = await sweepDeadlines(deps);
    expect(outcome).toMatchObject({
      expired: [{ sellerId: ret.sellerId, id: ret.id }],
      reminded: [],
      failed: [],
    });
    const expired = world.returns.latest(ret);
    expect(expired.status).toBe('AUTHORIZATION_REQUIRED');
    expect(expired.offers?.[0]).toMatchObject({ status: 'EXPIRED', answeredVia: 'EXPIRY' });
    expect(expired.timeline.at(-1)).toMatchObject({ type: 'EXPIRE_OFFER', actor: { kind: 'system' } });
    expect(expired.outbox?.pending.map((e) => e.type)).toEqual(['offer.expired']);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({
        to: TEST_SELLER.email,
        subject: `Your offer of $9.00 for return ${ret.rma} has expired`,
      }),
    ]);

    clock.advance(8 * HOUR); // 18 hours in: the deadline's reminder
    expect((await sweepDeadlines(deps)).reminded).toHaveLength(1);
    clock.advance(1 * HOUR);
    expect(await sweepDeadlines(deps)).toMatchObject({ expired: [], reminded: [] });
    await dispatchAll(world);
    await dispatchAll(world);
    expect(world.mailer.sent.map((m) => m.subject)).toEqual([
      `Your offer of $9.00 for return ${ret.rma} has expired`,
      `Reminder: return ${ret.rma} is due by 2026-11-21 15:00 UTC`,
    ]);
    expect(world.returns.latest(ret).timeline.filter((e) => e.type === 'EXPIRE_OFFER')).toHaveLength(1);
  });

  it('an offer that ran out after the deadline passed: both in one sweep, the expiry first', async () => {
    const { ret, world, clock, deps } = setUp(offerFor(20));
    clock.advance(25 * HOUR); // a sweeper down since before the reminder
    const outcome = await sweepDeadlines(deps);
    expect(outcome.expired).toHaveLength(1);
    expect(outcome.overdue.map((r) => r.id)).toEqual([ret.id]);
    expect(
      world.returns
        .latest(ret)
        .timeline.slice(-2)
        .map((e) => e.type),
    ).toEqual(['EXPIRE_OFFER', 'MARK_OVERDUE']);
    await dispatchAll(world);
    expect(world.mailer.sent).toHaveLength(1);
    expect((await sweepDeadlines(deps)).expired).toEqual([]);
  });
});
