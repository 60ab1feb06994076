import { describe, expect, it } from 'vitest';
import { OutboxFullError, eventId, withEvents } from '../../domain/events/derive-events.js';
import { materializeEvent } from '../../domain/events/event-snapshot.js';
import { OUTBOX_BUDGET_BYTES } from '../../domain/return-size.js';
import { matchesPatterns } from '../../domain/events/event-types.js';
import { ReturnEventSchema } from '../../domain/events/return-event.js';
import { mailOfEvent } from '../../domain/events/event-mails.js';
import type { Offer } from '../../domain/conversation.js';
import type { Seller } from '../../domain/ports.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import type { Actor, Return } from '../../domain/return.js';
import { openReturn } from '../../domain/open-return.js';
import { defaultPolicy } from '../../domain/policy.js';
import { CREATE_RETURN_EXAMPLE } from '../../functions/api/openapi/examples.js';
import { makeReturn, TEST_RETURN_ADDRESS } from '../support/return-factory.js';

const sellerId = 'seller-1';
const now = new Date('2026-11-10T12:00:00Z');
const seller: Actor = { kind: 'seller', id: sellerId };

/** One change, as the write path stores it: the transition and its events. */
const change = (ret: Return, command: LifecycleCommand, actor: Actor = { kind: 'system' }): Return =>
  withEvents(ret, transition(ret, command, { now, actor }));
const types = (ret: Return) => ret.outbox?.pending.map((e) => e.type) ?? [];

describe('the events of a change', () => {
  it('a new return yields return.created, and return.authorized when its policy authorized it', () => {
    const opened = makeReturn({ sellerId });
    const entry = { ...opened.timeline[0]!, type: 'CREATED' };
    const created = withEvents(undefined, { ...opened, timeline: [entry], version: 1 });
    expect(types(created)).toEqual(['return.created']);
    const authorized = withEvents(
      undefined,
      makeReturn({
        sellerId,
        status: 'AUTHORIZED',
        timeline: [
          {
            at: now.toISOString(),
            type: 'CREATED',
            from: 'AUTHORIZATION_REQUIRED',
            to: 'AUTHORIZATION_REQUIRED',
            actor: seller,
          },
          {
            at: now.toISOString(),
            type: 'AUTHORIZE',
            from: 'AUTHORIZATION_REQUIRED',
            to: 'AUTHORIZED',
            actor: { kind: 'policy' },
          },
        ],
        version: 2,
      }),
    );
    expect(authorized.outbox?.pending.map((e) => [e.type, e.sequence, e.id])).toEqual([
      ['return.created', 1, eventId(authorized.id, 1)],
      ['return.authorized', 2, eventId(authorized.id, 2)],
    ]);
  });

  it("numbers a return's events on from the last, with the version and a snapshot of the change that made them", () => {
    let ret = withEvents(undefined, makeReturn({ sellerId, status: 'LABEL_ISSUED' }));
    const before = ret.outbox?.lastSequence ?? 0;
    ret = change(
      ret,
      { type: 'TRACKING_EVENT', status: 'IN_TRANSIT', eventId: 'c1', occurredAt: '2026-11-09T00:00:00Z' },
      { kind: 'carrier' },
    );
    ret = change(
      ret,
      { type: 'TRACKING_EVENT', status: 'IN_TRANSIT', eventId: 'c2', occurredAt: '2026-11-09T01:00:00Z' },
      { kind: 'carrier' },
    );
    ret = change(
      ret,
      { type: 'TRACKING_EVENT', status: 'DELIVERED', eventId: 'c3', occurredAt: '2026-11-09T02:00:00Z' },
      { kind: 'carrier' },
    );
    const fresh = ret.outbox!.pending.filter((e) => e.sequence > before);
    expect(fresh.map((e) => [e.type, e.sequence])).toEqual([
      ['return.in_transit', before + 1],
      ['return.delivered', before + 2],
    ]);
    const delivered = ReturnEventSchema.parse(materializeEvent(fresh[1]!, ret));
    expect(delivered).toMatchObject({
      returnId: ret.id,
      version: ret.version,
      occurredAt: now.toISOString(),
    });
    expect(delivered.data.return).toMatchObject({ status: 'DELIVERED', trackingNumber: ret.trackingNumber });
    expect(delivered.data.change).toMatchObject({
      type: 'TRACKING_EVENT',
      from: 'IN_TRANSIT',
      to: 'DELIVERED',
    });
    // The snapshot is a documented subset: no buyer, no lines, no timeline, no outbox.
    expect(Object.keys(delivered.data.return)).not.toEqual(expect.arrayContaining(['buyer']));
    expect(delivered.data.return).not.toHaveProperty('timeline');
    expect(delivered.data.return).not.toHaveProperty('items');
  });

  it.each<[string, Return['status'], LifecycleCommand, string[]]>([
    ['a close', 'AUTHORIZATION_REQUIRED', { type: 'CLOSE', reason: 'OUTSIDE_POLICY' }, ['return.closed']],
    ['a cancellation', 'AUTHORIZED', { type: 'CANCEL' }, ['return.cancelled']],
    [
      'a rejected refund',
      'REFUND_PENDING_APPROVAL',
      { type: 'REJECT_REFUND', reason: 'worn' },
      ['return.closed'],
    ],
    ['an approval', 'REFUND_PENDING_APPROVAL', { type: 'APPROVE_REFUND' }, []],
    [
      'a paid refund',
      'REFUND_IN_PROGRESS',
      { type: 'ISSUE_REFUND', status: 'COMPLETED', providerRef: 'p' },
      ['refund.completed'],
    ],
    [
      'a declined refund',
      'REFUND_IN_PROGRESS',
      { type: 'ISSUE_REFUND', status: 'FAILED', error: 'no' },
      ['refund.failed', 'return.needs_attention'],
    ],
    [
      'a failed step',
      'AUTHORIZED',
      { type: 'RECORD_STEP_FAILURE', step: 'IssueLabel', error: 'down' },
      ['return.needs_attention'],
    ],
    [
      'the disposition',
      'REFUNDED',
      { type: 'APPLY_DISPOSITION', adjustments: [] },
      ['inventory.adjusted', 'return.completed'],
    ],
    [
      'a stale carrier event',
      'DELIVERED',
      { type: 'TRACKING_EVENT', status: 'IN_TRANSIT', eventId: 'x', occurredAt: '2026-11-01T00:00:00Z' },
      [],
    ],
    ['a waiting step storing its token', 'DELIVERED', { type: 'AWAIT_INSPECTION', taskToken: 't' }, []],
  ])('%s (from %s) yields %j', (_what, status, command, expected) => {
    const ret = makeReturn({ sellerId, status });
    expect(types(change(ret, command, seller))).toEqual(expected);
  });

  it('keeps the events it read when a change yields none, freezing the ones of the version it moves past', () => {
    const ret = change(
      makeReturn({ sellerId, status: 'AUTHORIZATION_REQUIRED' }),
      { type: 'AUTHORIZE' },
      seller,
    );
    const parked = change(ret, { type: 'RECORD_STEP_FAILURE', step: 'IssueLabel', error: 'x' });
    const retried = change(parked, { type: 'RETRY' }, seller);
    const { pending, ...counts } = retried.outbox!;
    expect(counts).toEqual({ lastSequence: parked.outbox!.lastSequence, drains: parked.outbox!.drains });
    expect(pending.map((e) => e.data.return?.status)).toEqual(['AUTHORIZED', 'NEEDS_ATTENTION']);
    expect(pending).toEqual(parked.outbox!.pending.map((e) => materializeEvent(e, parked)));
  });

  it('refuses a change whose events no longer fit in the outbox, rather than write it without them', () => {
    const ret = makeReturn({ sellerId, status: 'AUTHORIZATION_REQUIRED' });
    const big = {
      id: 'e',
      type: 'return.created',
      returnId: ret.id,
      version: 1,
      sequence: 1,
      occurredAt: 'x',
      data: { change: { pad: 'x'.repeat(OUTBOX_BUDGET_BYTES) } },
    };
    const full = { ...ret, outbox: { lastSequence: 1, drains: 0, pending: [big] } };
    expect(() => change(full, { type: 'CLOSE', reason: 'OTHER' }, seller)).toThrow(OutboxFullError);
  });
});

describe("the events of the refund's later life, label voids and deadlines", () => {
  const settling = (): Return => {
    const ret = makeReturn({ sellerId, status: 'REFUND_IN_PROGRESS' });
    return { ...ret, refund: { ...ret.refund!, status: 'IN_PROGRESS', providerRef: 're_1' } };
  };
  const providerEvent = (ret: Return, status: 'COMPLETED' | 'FAILED', paymentKey = ret.refund!.refundId) =>
    ({ type: 'REFUND_EVENT', eventId: `evt-${status}`, paymentKey, providerRef: 're_1', status }) as const;
  const pendingPayout = (): Return => change(settling(), { type: 'AWAIT_PAYOUT', taskToken: 't' });

  it.each<[string, () => Return, (ret: Return) => LifecycleCommand, string[]]>([
    ["the provider's refund succeeded", settling, (r) => providerEvent(r, 'COMPLETED'), ['refund.completed']],
    [
      "the provider's refund failed",
      settling,
      (r) => providerEvent(r, 'FAILED'),
      ['refund.failed', 'return.needs_attention'],
    ],
    ["an earlier attempt's event, ignored", settling, (r) => providerEvent(r, 'COMPLETED', 'old-key'), []],
    [
      'no provider can pay it',
      settling,
      () => ({ type: 'AWAIT_PAYOUT', taskToken: 't' }),
      ['refund.pending_payout'],
    ],
    ['a restarted run waiting again', pendingPayout, () => ({ type: 'AWAIT_PAYOUT', taskToken: 't2' }), []],
    [
      'the seller marked it paid',
      pendingPayout,
      () => ({ type: 'MARK_PAID', reference: 'TRF-1', paidAt: now.toISOString() }),
      ['refund.completed'],
    ],
    ['the payout reminder', pendingPayout, () => ({ type: 'REFUND_REMINDER' }), ['refund.payout_reminder']],
  ])('%s yields %j', (_what, before, command, expected) => {
    const ret = withEvents(undefined, before());
    const sequence = ret.outbox?.lastSequence ?? 0;
    const after = change(ret, command(ret));
    expect(after.outbox?.pending.filter((e) => e.sequence > sequence).map((e) => e.type) ?? []).toEqual(
      expected,
    );
  });

  it('a voided label yields return.label_voided; a void that failed yields nothing', () => {
    const closed = makeReturn({ sellerId, status: 'CLOSED' });
    const unused = { ...closed, label: { ...closed.label!, shipmentId: 'shp_1' } };
    const at = now.toISOString();
    expect(
      types(change(unused, { type: 'VOID_LABEL', void: { status: 'FAILED', at, attempts: 3 } })),
    ).toEqual([]);
    expect(
      types(change(unused, { type: 'VOID_LABEL', void: { status: 'REFUNDED', at, attempts: 1 } })),
    ).toEqual(['return.label_voided']);
  });

  it('a deadline reminder and an overdue mark yield their events, with the deadline in the snapshot', () => {
    const waiting = openReturn({
      id: '01KB0000000000000000000009',
      rma: 'RMA-00000-00009',
      sellerId,
      request: { ...CREATE_RETURN_EXAMPLE, deliveredAt: '2026-11-05T10:00:00Z' },
      policy: { ...defaultPolicy('US', TEST_RETURN_ADDRESS), autoAuthorize: false },
      now,
    });
    const deadline = waiting.nextDeadline!;
    const mark = { rule: deadline.rule.id, dueAt: deadline.dueAt };
    const reminded = change(waiting, { type: 'REMIND_DEADLINE', ...mark });
    expect(types(reminded)).toEqual(['return.deadline_reminder']);
    const event = ReturnEventSchema.parse(materializeEvent(reminded.outbox!.pending[0]!, reminded));
    expect(event.data.return.nextDeadline).toMatchObject({
      rule: { id: deadline.rule.id },
      dueAt: deadline.dueAt,
    });
    expect(event.data.change.data).toMatchObject({ action: deadline.action, ...mark });
    const late = withEvents(
      reminded,
      transition(
        reminded,
        { type: 'MARK_OVERDUE', ...mark },
        { now: new Date(Date.parse(deadline.dueAt) + 1), actor: { kind: 'system' } },
      ),
    );
    expect(types(late)).toEqual(['return.deadline_reminder', 'return.overdue']);
  });
});

describe('the mails of an offer that ends unanswered', () => {
  const DAY = 86_400_000;
  const owner: Seller = {
    sellerId,
    name: 'Acme Outlet',
    email: 'returns@acme.example',
    locale: 'de-DE',
    status: 'ACTIVE',
    createdAt: '2026-01-01T00:00:00Z',
  };
  const offer: Offer = {
    offerId: 'offer-7',
    amount: { amount: 900, currency: 'USD' },
    keepItem: true,
    message: '',
    status: 'OPEN',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 7 * DAY).toISOString(),
    linkNonce: 'n',
  };
  const offered = () => {
    const ret = makeReturn({
      sellerId,
      status: 'LABEL_ISSUED',
      buyer: { email: 'b@example.com', locale: 'ja-JP', country: 'JP' },
    });
    return change(withEvents(undefined, ret), { type: 'MAKE_OFFER', offer }, seller);
  };
  /** The mail the change's last event owes. */
  const mailOf = (ret: Return, at: number) =>
    mailOfEvent(materializeEvent(ret.outbox!.pending.at(at)!, ret), ret, owner);
  const lastMail = (ret: Return) => mailOf(ret, -1);

  it('an offer that ran out tells the seller, in its locale, once per offer', () => {
    const late = { now: new Date(now.getTime() + 7 * DAY), actor: { kind: 'system' as const } };
    const before = offered();
    const expired = withEvents(
      before,
      transition(before, { type: 'EXPIRE_OFFER', offerId: 'offer-7' }, late),
    );
    expect(types(expired).at(-1)).toBe('offer.expired');
    expect(lastMail(expired)).toEqual({
      to: owner.email,
      locale: 'de-DE',
      notification: {
        kind: 'OFFER_ANSWERED',
        rma: expired.rma,
        returnId: expired.id,
        amount: offer.amount,
        keepItem: true,
        answer: 'EXPIRED',
      },
      once: 'OFFER_EXPIRED#offer-7',
    });
  });

  it('a withdrawn offer tells the buyer, in theirs, that its links no longer work', () => {
    const withdrawn = change(offered(), { type: 'WITHDRAW_OFFER', offerId: 'offer-7' }, seller);
    expect(types(withdrawn).at(-1)).toBe('offer.withdrawn');
    expect(lastMail(withdrawn)).toEqual({
      to: 'b@example.com',
      locale: 'ja-JP',
      notification: {
        kind: 'OFFER_WITHDRAWN',
        rma: withdrawn.rma,
        sellerName: 'Acme Outlet',
        amount: offer.amount,
      },
      once: 'OFFER_WITHDRAWN#offer-7',
    });
    // The offer's making and the buyer's answers are mailed by their requests (their links are minted there).
    expect(mailOf(withdrawn, -2)).toBeUndefined();
  });
});

describe('event patterns', () => {
  it('match names, prefixes and everything', () => {
    expect(matchesPatterns('refund.completed', ['return.*'])).toBe(false);
    expect(matchesPatterns('return.closed', ['return.*'])).toBe(true);
    expect(matchesPatterns('refund.completed', ['refund.completed'])).toBe(true);
    expect(matchesPatterns('concession.paid', ['*'])).toBe(true);
  });
});
