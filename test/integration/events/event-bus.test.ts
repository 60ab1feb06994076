import { EventBridgeClient, type PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PartlyWrittenError } from '../../../domain/errors.js';
import { eventSnapshot } from '../../../domain/events/event-snapshot.js';
import { ReturnEventSchema } from '../../../domain/events/return-event.js';
import type { OutboxEvent } from '../../../domain/return.js';
import { EVENT_SOURCE, EventBridgeBus } from '../../../functions/adapters/eventbridge-bus.js';
import { DynamoEventOutbox } from '../../../functions/adapters/dynamodb/event-outbox.js';
import { applyCommand } from '../../../functions/use-cases/apply-command.js';
import { dispatchReturnEvents } from '../../../functions/use-cases/dispatch-events.js';
import { busSink } from '../../../functions/use-cases/event-bus.js';
import { startEventBridge, type EventBridgeStandIn } from '../../../infra/local/stand-ins/eventbridge.js';
import { invoke, newSeller } from '../support/api.js';
import { returns } from '../support/pipeline.js';
import { tableOptions } from '../support/table.js';
import { outboxEventsOf } from '../../support/outbox-events.js';

let bridge: EventBridgeStandIn;
beforeAll(async () => {
  bridge = await startEventBridge();
});
afterAll(() => bridge.stop());

describe('every event on the region bus (EventBridge, through the real SDK against the stand-in)', () => {
  it('puts each event once per hand-off, in order, with its seller, named by its type', async () => {
    const { sellerId } = await newSeller();
    const client = new EventBridgeClient({ endpoint: bridge.endpoint, region: 'us-east-1' });
    const deps = {
      returns: returns(),
      outbox: new DynamoEventOutbox(tableOptions()),
      sinks: [busSink({ bus: new EventBridgeBus('default', client) })],
    };
    const created = await invoke('CreateReturn', {
      sellerId,
      path: '/v1/returns',
      body: {
        orderId: '113-0000000-0000401',
        marketplace: 'US',
        buyer: { email: 'buyer@example.com', country: 'US' },
        deliveredAt: new Date(Date.now() - 90 * 86_400_000).toISOString(),
        items: [
          { sku: 'SKU-1', category: 'toys', quantity: 1, unitPrice: { amount: 1999, currency: 'USD' } },
        ],
        reason: 'CHANGED_MIND',
      },
    });
    const id = String(created.body.id);
    // Stored thin: the created event's snapshot is the item itself until the item moves on.
    const stored = (await returns().get(sellerId, id))?.outbox;
    expect(stored?.pending.map((e) => [e.type, e.version, Object.keys(e.data)])).toEqual([
      ['return.created', 1, ['change']],
    ]);
    const atCreate = await returns().get(sellerId, id);
    const closed = await applyCommand(
      { returns: returns(), clock: { now: () => new Date() } },
      sellerId,
      id,
      { type: 'CLOSE', reason: 'OUTSIDE_RETURN_WINDOW' },
      { kind: 'seller', id: sellerId },
    );

    expect(await dispatchReturnEvents(deps, { sellerId, id })).toBe(2);
    expect(await dispatchReturnEvents(deps, { sellerId, id })).toBe(0); // drained: nothing put twice

    const put = bridge.entries().filter((e) => e.Detail?.includes(id));
    expect(put.map((e) => [e.EventBusName, e.Source, e.DetailType])).toEqual([
      ['default', EVENT_SOURCE, 'return.created'],
      ['default', EVENT_SOURCE, 'return.closed'],
    ]);
    const details = put.map((e) => JSON.parse(e.Detail!) as { sellerId: string });
    expect(details.map((d) => d.sellerId)).toEqual([sellerId, sellerId]);
    expect(details.map((d) => ReturnEventSchema.parse(d).sequence)).toEqual([1, 2]);
    // Each whole, with the return at its version: the close froze the first; the second came off the item.
    expect(details.map((d) => ReturnEventSchema.parse(d).data.return)).toEqual([
      eventSnapshot(atCreate!),
      eventSnapshot(closed),
    ]);
    expect((await returns().get(sellerId, id))?.outbox?.pending).toEqual([]);
  });
});

/** A client that counts the entries of each PutEvents, and answers `answer` or sends it on to `to`. */
const clientCounting = (to?: EventBridgeClient, answer?: (command: PutEventsCommand) => unknown) => {
  const entries: number[] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      entries.push(command.input.Entries!.length);
      return answer ? answer(command) : to!.send(command);
    },
  } as unknown as EventBridgeClient;
  return { client, entries };
};

describe('a pass of events on the bus', () => {
  it('puts them ten to a PutEvents, in order', async () => {
    const real = new EventBridgeClient({ endpoint: bridge.endpoint, region: 'us-east-1' });
    const { client, entries } = clientCounting(real);
    const events = outboxEventsOf(12);

    await new EventBridgeBus('default', client).put('seller-1', events);

    expect(entries).toEqual([10, 2]);
    const put = bridge.entries().filter((e) => e.Detail?.includes(events[0]!.returnId));
    expect(put.map((e) => (JSON.parse(e.Detail!) as OutboxEvent).sequence)).toEqual(
      events.map((e) => e.sequence),
    );
  });

  it('takes an entry EventBridge failed as refusing it and every later one, the ones before put', async () => {
    const { client, entries } = clientCounting(undefined, (command) => {
      const batch = command.input.Entries!;
      // The second call's second entry (the 12th event) fails.
      const failing = batch.length === 5 ? 1 : -1;
      return {
        FailedEntryCount: failing < 0 ? 0 : 1,
        Entries: batch.map((_, i) =>
          i === failing
            ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }
            : { EventId: `id-${i}` },
        ),
      };
    });

    const put = new EventBridgeBus('default', client).put('seller-1', outboxEventsOf(15));

    await expect(put).rejects.toBeInstanceOf(PartlyWrittenError);
    await expect(put).rejects.toMatchObject({
      written: 11,
      message: expect.stringContaining('ThrottlingException'),
    });
    expect(entries).toEqual([10, 5]);
  });

  it('takes a PutEvents that failed as refusing its first entry', async () => {
    const { client } = clientCounting(undefined, (command) => {
      if (command.input.Entries!.length === 2) throw new Error('ServiceUnavailable');
      return { FailedEntryCount: 0, Entries: command.input.Entries!.map((_, i) => ({ EventId: `id-${i}` })) };
    });

    await expect(
      new EventBridgeBus('default', client).put('seller-1', outboxEventsOf(12)),
    ).rejects.toMatchObject({
      written: 10,
      cause: new Error('ServiceUnavailable'),
    });
  });
});
