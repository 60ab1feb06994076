import { describe, expect, it } from 'vitest';
import { withEvents } from '../../domain/events/derive-events.js';
import { eventSnapshot, UnfrozenEventError } from '../../domain/events/event-snapshot.js';
import { transition } from '../../domain/lifecycle.js';
import type { OutboxEvent, Return } from '../../domain/return.js';
import { cancelReturn } from '../../functions/use-cases/cancel-return.js';
import { closeReturn } from '../../functions/use-cases/close-return.js';
import {
  dispatchReturnEvents,
  eachInOrder,
  EventNotDispatchedError,
  type EventSink,
} from '../../functions/use-cases/dispatch-events.js';
import { mailSink } from '../../functions/use-cases/mail-event.js';
import { makeOffer } from '../../functions/use-cases/make-offer.js';
import { postMessage } from '../../functions/use-cases/post-message.js';
import { readLink } from '../../functions/use-cases/link-tokens.js';
import { rejectRefund } from '../../functions/use-cases/reject-refund.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';
import { InMemoryMailer } from '../support/in-memory/mailer.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

/** A sink that records what it was handed, and refuses the events named in `refusing`. */
const recordingSink = (refusing = new Set<string>()) => {
  const seen: OutboxEvent[] = [];
  const sink: EventSink = {
    name: 'recording',
    take: (events) =>
      eachInOrder(events, async (event) => {
        if (refusing.has(event.type)) throw new Error(`refusing ${event.type}`);
        seen.push(event);
      }),
  };
  return { sink, seen };
};

const deps = (world: InMemoryWorld, sinks: EventSink[]) => ({
  returns: world.returns,
  outbox: world.returns,
  sinks,
});

describe('no mail is lost when SES fails after the change', () => {
  it.each<[string, Return['status'], (world: InMemoryWorld, ret: Return) => Promise<unknown>, string]>([
    [
      'close',
      'AUTHORIZATION_REQUIRED',
      (w, r) => closeReturn(w, sellerId, r.id, { reason: 'OUTSIDE_POLICY', comment: 'No' }),
      'buyer@example.com',
    ],
    [
      'cancel',
      'AUTHORIZED',
      (w, r) => cancelReturn(w, sellerId, r.id, { comment: 'Found it' }),
      TEST_SELLER.email,
    ],
    [
      'reject',
      'REFUND_PENDING_APPROVAL',
      (w, r) => rejectRefund(w, sellerId, r.id, 'The seal was broken'),
      'buyer@example.com',
    ],
    [
      'a buyer message',
      'DELIVERED',
      (w, r) => postMessage(w, sellerId, r.id, { body: 'Where is my refund?', from: 'BUYER' }, {}),
      TEST_SELLER.email,
    ],
    [
      'an offer',
      'DELIVERED',
      (w, r) =>
        makeOffer(
          w,
          sellerId,
          r.id,
          { amount: { amount: 500, currency: 'USD' }, keepItem: false, message: 'Half?' },
          {},
        ),
      'buyer@example.com',
    ],
  ])(
    '%s: the change stands, its mail waits in the outbox while SES is down, then goes out once',
    async (_what, status, act, to) => {
      const ret = makeReturn({ sellerId, status });
      const world = { ...inMemoryWorld([ret]), mailer: new InMemoryMailer(2) };

      await act(world, ret);
      await dispatchAll(world);
      await dispatchAll(world);
      expect(world.mailer.sent).toEqual([]);
      expect(world.returns.latest(ret).outbox?.pending).toHaveLength(1);

      await dispatchAll(world);
      await dispatchAll(world);
      expect(world.mailer.sent.map((m) => m.to)).toEqual([to]);
      expect(world.returns.latest(ret).outbox?.pending).toEqual([]);
    },
  );
});

describe('no mail is lost when SES fails after a seller posts a message', () => {
  it('writes the message, then mails the buyer once, with a working reply link, when SES is back', async () => {
    const ret = makeReturn({ sellerId, status: 'DELIVERED' });
    const world = { ...inMemoryWorld([ret]), mailer: new InMemoryMailer(2) };

    const { message } = await postMessage(
      world,
      sellerId,
      ret.id,
      { body: 'Could you send a photo?', from: 'SELLER' },
      {},
    );
    expect(world.returns.latest(ret).messages?.map((m) => m.body)).toEqual(['Could you send a photo?']);
    await dispatchAll(world);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
    expect(world.returns.latest(ret).outbox?.pending.map((e) => e.type)).toEqual(['message.posted']);

    await dispatchAll(world);
    await dispatchAll(world);
    expect(world.mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      ['buyer@example.com', expect.stringContaining(ret.rma)],
    ]);
    const token = /\/v1\/buyer\/links\?token=(\S+)/.exec(world.mailer.sent[0]!.text)?.[1];
    const claims = await readLink(world.links, decodeURIComponent(token!), world.clock.now());
    expect(claims).toMatchObject({ returnId: ret.id, target: message.messageId });
    expect(world.returns.latest(ret).outbox?.pending).toEqual([]);
    expect(await world.notifications.sentFor(ret.id)).toHaveLength(1);
  });
});

describe('dispatchReturnEvents', () => {
  const withTwoEvents = () => {
    const ret = makeReturn({ sellerId, status: 'AUTHORIZATION_REQUIRED' });
    const world = inMemoryWorld([ret]);
    world.returns.raceNextUpdate(
      otherWriterApplying({ type: 'AUTHORIZE' }, { kind: 'seller', id: sellerId }),
    );
    return { ret, world };
  };

  it('hands each event to every sink in sequence order, then drains them', async () => {
    const ret = makeReturn({ sellerId, status: 'AUTHORIZATION_REQUIRED' });
    const world = inMemoryWorld([ret]);
    await closeReturn(world, sellerId, ret.id, { reason: 'OTHER' });
    const { sink, seen } = recordingSink();

    expect(await dispatchReturnEvents(deps(world, [sink, mailSink(world)]), ret)).toBe(1);

    expect(seen.map((e) => [e.type, e.sequence])).toEqual([['return.closed', 1]]);
    expect(world.mailer.sent).toHaveLength(1);
    expect(world.returns.latest(ret).outbox).toMatchObject({ lastSequence: 1, drains: 1, pending: [] });
  });

  it('stops at the first event a sink refuses, so a later event never overtakes it', async () => {
    const { ret, world } = withTwoEvents();
    await closeReturn(world, sellerId, ret.id, { reason: 'OTHER' }).catch(() => undefined);
    // The racer authorized first, so close went over AUTHORIZED: authorized (1), then closed (2).
    const { sink, seen } = recordingSink(new Set(['return.authorized']));

    await expect(dispatchReturnEvents(deps(world, [sink]), ret)).rejects.toThrow(EventNotDispatchedError);

    expect(seen).toEqual([]);
    expect(world.returns.latest(ret).outbox?.pending.map((e) => e.type)).toEqual([
      'return.authorized',
      'return.closed',
    ]);
  });

  it('drains on the latest return when a writer wrote between its read and its drain, losing neither', async () => {
    const ret = makeReturn({ sellerId, status: 'AUTHORIZATION_REQUIRED' });
    const world = inMemoryWorld([ret]);
    await closeReturn(world, sellerId, ret.id, { reason: 'OTHER' });
    let raced = false;
    const racing: EventSink = {
      name: 'racing',
      take: async () => {
        if (raced) return;
        raced = true;
        // A concession arrives while the dispatcher hands the close on: a new version, its own outbox read.
        const stored = world.returns.latest(ret);
        const next = withEvents(stored, {
          ...stored,
          version: stored.version + 1,
          timeline: [...stored.timeline, { ...stored.timeline.at(-1)!, type: 'CANCEL', to: 'CANCELLED' }],
        });
        await world.returns.update(next);
      },
    };

    await dispatchReturnEvents(deps(world, [racing]), ret);

    // The close is drained; the racing writer's event stays for the next dispatch.
    expect(world.returns.latest(ret).outbox?.pending.map((e) => e.type)).toEqual(['return.cancelled']);
  });

  it('hands a thin event on with the snapshot of the return read, and refuses one the return moved past', async () => {
    const open = makeReturn({ sellerId, status: 'AUTHORIZATION_REQUIRED' });
    const at = { now: new Date('2026-11-10T12:00:00Z'), actor: { kind: 'seller' as const, id: sellerId } };
    const authorized = withEvents(open, transition(open, { type: 'AUTHORIZE' }, at));
    const cancelled = withEvents(authorized, transition(authorized, { type: 'CANCEL' }, at));
    // A write that bypassed withEvents (a bug): the version moved on and the cancellation stayed thin.
    const bypassed = { ...cancelled, version: cancelled.version + 1 };
    const drained: string[][] = [];
    const { sink, seen } = recordingSink();
    const stubbed = {
      returns: { get: async () => bypassed },
      outbox: { drain: async (_ret: Return, ids: readonly string[]) => void drained.push([...ids]) },
      sinks: [sink],
    };

    await expect(dispatchReturnEvents(stubbed, bypassed)).rejects.toThrow(UnfrozenEventError);

    // The authorization, frozen by the cancellation's write, goes on whole and leaves; the cancellation stays.
    expect(seen.map((e) => [e.type, e.data.return?.status])).toEqual([['return.authorized', 'AUTHORIZED']]);
    expect(drained).toEqual([[authorized.outbox!.pending[0]!.id]]);
    // Read at its own version, the cancellation goes on with the snapshot of that return.
    const fresh = recordingSink();
    const ok = { ...stubbed, returns: { get: async () => cancelled }, sinks: [fresh.sink] };
    expect(await dispatchReturnEvents(ok, cancelled)).toBe(2);
    expect(fresh.seen.map((e) => e.data.return)).toEqual([
      eventSnapshot(authorized),
      eventSnapshot(cancelled),
    ]);
  });

  it('makes a writer that read the outbox before a drain lose its race rather than put drained events back', async () => {
    const ret = makeReturn({ sellerId, status: 'AUTHORIZATION_REQUIRED' });
    const world = inMemoryWorld([ret]);
    await closeReturn(world, sellerId, ret.id, { reason: 'OTHER' });
    const readBeforeDrain = world.returns.latest(ret);
    await dispatchAll(world);

    const stale = withEvents(readBeforeDrain, { ...readBeforeDrain, version: readBeforeDrain.version + 1 });
    await expect(world.returns.update(stale)).rejects.toThrow(/changed by another request/);
    expect(world.returns.latest(ret).outbox?.pending).toEqual([]);
  });
});
