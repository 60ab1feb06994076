import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../domain/return.js';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.js';
import { applyCommand } from '../../functions/use-cases/apply-command.js';
import {
  dispatchReturnEvents,
  EventNotDispatchedError,
  type EventSink,
} from '../../functions/use-cases/dispatch-events.js';
import { busSink } from '../../functions/use-cases/event-bus.js';
import { feedSink } from '../../functions/use-cases/event-feed.js';
import { mailSink } from '../../functions/use-cases/mail-event.js';
import { postMessage } from '../../functions/use-cases/post-message.js';
import { webhookSink } from '../../functions/use-cases/webhook-event.js';
import { InMemoryEventBus } from '../support/in-memory/event-bus.js';
import { InMemoryEventFeed } from '../support/in-memory/event-feed.js';
import { InMemoryMailer } from '../support/in-memory/mailer.js';
import { InMemoryWebhookDeliveries } from '../support/in-memory/webhook-deliveries.js';
import { InMemoryWebhookEndpointRepository } from '../support/in-memory/webhook-endpoints.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

const ENDPOINT: WebhookEndpoint = {
  id: 'we_1',
  sellerId,
  url: 'https://hooks.acme.example/returns',
  events: ['*'],
  status: 'ENABLED',
  secrets: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

type World = ReturnType<typeof inMemoryWorld>;

const tracking = (status: 'IN_TRANSIT' | 'DELIVERED', eventId: string) => ({
  type: 'TRACKING_EVENT' as const,
  status,
  eventId,
  occurredAt: '2026-11-09T10:00:00Z',
});

/**
 * The changes that leave a LABEL_ISSUED return four events pending, of which two owe a mail:
 * return.in_transit (none), return.delivered (the buyer's, naming no seller), message.posted by the
 * buyer (the seller's) and return.inspected (none).
 */
const CHANGES: ((world: World, id: string) => Promise<unknown>)[] = [
  (world, id) => applyCommand(world, sellerId, id, tracking('IN_TRANSIT', 'c1'), { kind: 'carrier' }),
  (world, id) => applyCommand(world, sellerId, id, tracking('DELIVERED', 'c2'), { kind: 'carrier' }),
  (world, id) => postMessage(world, sellerId, id, { body: 'Where is my refund?', from: 'BUYER' }, {}),
  (world, id) =>
    applyCommand(
      world,
      sellerId,
      id,
      {
        type: 'RECORD_INSPECTION',
        inspection: { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' },
      },
      { kind: 'warehouse' },
    ),
];

/**
 * A return with the events of the first `changes` of CHANGES pending, the sinks as deployed, every
 * store they write to in memory, and the seller reads and endpoint lists counted.
 */
const returnWithPending = async (changes = CHANGES.length, mailer = new InMemoryMailer()) => {
  const ret = makeReturn({ sellerId, status: 'LABEL_ISSUED' });
  const world = { ...inMemoryWorld([ret]), mailer };
  for (const change of CHANGES.slice(0, changes)) await change(world, ret.id);
  const events = world.returns.latest(ret).outbox!.pending;

  const registered = new InMemoryWebhookEndpointRepository();
  await registered.put(ENDPOINT);
  const counts = { sellerReads: 0, endpointLists: 0 };
  const sellers = {
    get: (id: string) => {
      counts.sellerReads += 1;
      return world.sellers.get(id);
    },
  };
  const endpoints = {
    list: (id: string) => {
      counts.endpointLists += 1;
      return registered.list(id);
    },
  };
  const stores = {
    deliveries: new InMemoryWebhookDeliveries(),
    feed: new InMemoryEventFeed(),
    bus: new InMemoryEventBus(),
  };
  const sinks = {
    webhooks: webhookSink({ endpoints, deliveries: stores.deliveries, clock: world.clock }),
    feed: feedSink({ feed: stores.feed }),
    bus: busSink({ bus: stores.bus }),
    mail: mailSink({ ...world, sellers }),
  };
  /** One pass of the dispatcher over the return, with these sinks, in their deployed order. */
  const pass = (only: EventSink[] = [sinks.webhooks, sinks.feed, sinks.bus, sinks.mail]) =>
    dispatchReturnEvents({ returns: world.returns, outbox: world.returns, sinks: only }, ret);
  const pending = () => world.returns.latest(ret).outbox!.pending.map((e) => e.type);
  return { ret, world, events, counts, stores, sinks, pass, pending };
};

const typesOf = (events: readonly OutboxEvent[]) => events.map((e) => e.type);

describe('one dispatch pass over a return', () => {
  it('has four events pending, two of them owing a mail', async () => {
    const { events } = await returnWithPending();
    expect(typesOf(events)).toEqual([
      'return.in_transit',
      'return.delivered',
      'message.posted',
      'return.inspected',
    ]);
  });

  it('reads the seller once and lists the endpoints once, whatever the number of events', async () => {
    const { world, counts, stores, sinks, pass, pending } = await returnWithPending();

    expect(await pass([sinks.webhooks, sinks.mail])).toBe(4);

    expect(counts).toEqual({ sellerReads: 1, endpointLists: 1 });
    expect(stores.deliveries.all().map((d) => [d.eventType, d.sequence])).toEqual([
      ['return.in_transit', 1],
      ['return.delivered', 2],
      ['message.posted', 3],
      ['return.inspected', 4],
    ]);
    expect(world.mailer.sent.map((m) => m.to)).toEqual(['buyer@example.com', TEST_SELLER.email]);
    expect(pending()).toEqual([]);
  });

  it('reads no seller for events that owe no mail, or only a mail that does not name the seller', async () => {
    const { world, events, counts, sinks, pass, pending } = await returnWithPending(2);
    expect(typesOf(events)).toEqual(['return.in_transit', 'return.delivered']);

    expect(await pass([sinks.mail])).toBe(2);

    expect(counts.sellerReads).toBe(0);
    expect(world.mailer.sent.map((m) => m.to)).toEqual(['buyer@example.com']);
    expect(pending()).toEqual([]);
  });

  it('writes the feed in one call and the bus in order, each event once', async () => {
    const { events, stores, pass } = await returnWithPending();

    expect(await pass()).toBe(4);

    expect(stores.feed.calls).toBe(1);
    expect(typesOf(stores.feed.of(sellerId))).toEqual(typesOf(events));
    expect(stores.bus.entries.map((e) => [e.sellerId, e.event.type])).toEqual(
      typesOf(events).map((type) => [sellerId, type]),
    );
  });

  it('keeps the event a sink refused and every later one, and hands them on again without doubling anything', async () => {
    const { world, events, counts, stores, pass, pending } = await returnWithPending(
      CHANGES.length,
      new InMemoryMailer(1),
    );

    // SES is down for the delivered mail: the in-transit event is through, the rest stay.
    const refused = pass();
    await expect(refused).rejects.toThrow(EventNotDispatchedError);
    await expect(refused).rejects.toMatchObject({ eventId: events[1]!.id, sink: 'mail' });
    expect(pending()).toEqual(['return.delivered', 'message.posted', 'return.inspected']);
    expect(world.mailer.sent).toEqual([]);

    expect(await pass()).toBe(3);

    expect(pending()).toEqual([]);
    expect(world.mailer.sent.map((m) => m.to)).toEqual(['buyer@example.com', TEST_SELLER.email]);
    expect(stores.deliveries.all().map((d) => d.deliveryId)).toEqual(events.map((e) => e.id));
    expect(stores.feed.of(sellerId).map((e) => e.id)).toEqual(events.map((e) => e.id));
    // The bus is at least once: what followed the refused event is put again, in order.
    expect(stores.bus.entries.map((e) => e.event.sequence)).toEqual([1, 2, 3, 4, 2, 3, 4]);
    // At most once a pass each: the first pass stopped before the one mail that needs the seller.
    expect(counts).toEqual({ sellerReads: 1, endpointLists: 2 });
  });

  it('hands no later sink what an earlier one refused, so no event overtakes another in any sink', async () => {
    const { world, events, stores, pass, pending } = await returnWithPending();
    stores.feed.refusing.add(events[2]!.id);

    await expect(pass()).rejects.toMatchObject({ eventId: events[2]!.id, sink: 'feed' });

    expect(pending()).toEqual(['message.posted', 'return.inspected']);
    expect(stores.bus.entries.map((e) => e.event.sequence)).toEqual([1, 2]);
    expect(world.mailer.sent.map((m) => m.to)).toEqual(['buyer@example.com']);

    stores.feed.refusing.clear();
    expect(await pass()).toBe(2);

    expect(pending()).toEqual([]);
    expect(stores.bus.entries.map((e) => e.event.sequence)).toEqual([1, 2, 3, 4]);
    expect(world.mailer.sent.map((m) => m.to)).toEqual(['buyer@example.com', TEST_SELLER.email]);
    expect(stores.feed.of(sellerId).map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(stores.deliveries.all().map((d) => d.deliveryId)).toEqual(events.map((e) => e.id));
  });
});
