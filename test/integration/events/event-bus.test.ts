import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSnapshot } from '../../../domain/events/event-snapshot.js';
import { ReturnEventSchema } from '../../../domain/events/return-event.js';
import type { Return } from '../../../domain/return.js';
import { EVENT_SOURCE, EventBridgeBus } from '../../../functions/adapters/eventbridge-bus.js';
import { DynamoEventOutbox } from '../../../functions/adapters/dynamodb/event-outbox.js';
import { applyCommand } from '../../../functions/use-cases/apply-command.js';
import { dispatchReturnEvents } from '../../../functions/use-cases/dispatch-events.js';
import { busSink } from '../../../functions/use-cases/event-bus.js';
import { startEventBridge, type EventBridgeStandIn } from '../../../infra/local/stand-ins/eventbridge.js';
import { invoke, newSeller } from '../support/api.js';
import { returns } from '../support/pipeline.js';
import { returnKey } from '../../../functions/adapters/dynamodb/table-design.js';
import { rawItem, tableOptions } from '../support/table.js';

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
    const stored = (await rawItem(returnKey(sellerId, id)))?.outbox as Return['outbox'];
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
