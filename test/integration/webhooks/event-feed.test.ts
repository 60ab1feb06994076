import { describe, expect, it } from 'vitest';
import { DynamoEventFeed } from '../../../functions/adapters/dynamodb/event-feed.js';
import { DynamoEventOutbox } from '../../../functions/adapters/dynamodb/event-outbox.js';
import { sweepPendingEvents } from '../../../functions/events/dispatch-pending.js';
import { applyCommand } from '../../../functions/use-cases/apply-command.js';
import { listEvents } from '../../../functions/use-cases/event-feed.js';
import { invoke, newSeller } from '../support/api.js';
import { returns } from '../support/pipeline.js';
import { tableOptions } from '../support/table.js';

const feed = new DynamoEventFeed(tableOptions());
const outbox = new DynamoEventOutbox(tableOptions());
const clock = { now: () => new Date() };
const list = (sellerId: string, query: { after?: string; limit: number }) =>
  listEvents({ feed, outbox, clock, settleMs: 0 }, sellerId, query);

const CREATE = (orderId: string) => ({
  orderId,
  marketplace: 'US',
  buyer: { email: 'buyer@example.com', country: 'US' },
  deliveredAt: new Date(Date.now() - 90 * 86_400_000).toISOString(),
  items: [{ sku: 'SKU-1', category: 'toys', quantity: 1, unitPrice: { amount: 1999, currency: 'USD' } }],
  reason: 'CHANGED_MIND',
});

/** A request outside the window (it waits for the seller), then closed: return.created, return.closed. */
const createAndClose = async (sellerId: string, orderId: string): Promise<string> => {
  const created = await invoke('CreateReturn', { sellerId, path: '/v1/returns', body: CREATE(orderId) });
  const id = String(created.body.id);
  await applyCommand(
    { returns: returns(), clock },
    sellerId,
    id,
    { type: 'CLOSE', reason: 'OUTSIDE_RETURN_WINDOW' },
    { kind: 'seller', id: sellerId },
  );
  return id;
};

describe('GET /v1/events', () => {
  it("lists a seller's events in order, page by page, from a cursor; each return's in sequence", async () => {
    const { sellerId } = await newSeller();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createAndClose(sellerId, `113-0000000-000010${i}`));
    await sweepPendingEvents(new Date(Date.now() + 1000), 1000);

    const first = await list(sellerId, { limit: 4 });
    const second = await list(sellerId, { after: first.next!, limit: 4 });
    const events = [...first.items, ...second.items];
    expect(first.items).toHaveLength(4);
    expect(events).toHaveLength(6);
    expect(new Set(events.map((e) => e.id)).size).toBe(6);
    for (const id of ids) {
      expect(events.filter((e) => e.returnId === id).map((e) => [e.type, e.sequence])).toEqual([
        ['return.created', 1],
        ['return.closed', 2],
      ]);
    }
    const times = events.map((e) => e.occurredAt);
    expect(times).toEqual([...times].sort());
    // Nothing new: the same position again, to poll with.
    const third = await list(sellerId, { after: second.next!, limit: 4 });
    expect(third).toEqual({ items: [], next: second.next });
  });

  it('shows no event behind one still in an outbox: the page stops before the oldest pending', async () => {
    const { sellerId } = await newSeller();
    await createAndClose(sellerId, '113-0000000-0000201');
    await sweepPendingEvents(new Date(Date.now() + 1000), 1000);
    const settled = await list(sellerId, { limit: 10 });
    expect(settled.items.map((e) => e.type)).toEqual(['return.created', 'return.closed']);

    await createAndClose(sellerId, '113-0000000-0000202'); // not dispatched yet
    const waiting = await list(sellerId, { after: settled.next!, limit: 10 });
    expect(waiting).toEqual({ items: [], next: settled.next });

    await sweepPendingEvents(new Date(Date.now() + 1000), 1000);
    const caughtUp = await list(sellerId, { after: settled.next!, limit: 10 });
    expect(caughtUp.items.map((e) => e.type)).toEqual(['return.created', 'return.closed']);
  });

  it("never pages another seller's feed with its cursor, and refuses bad input with a problem", async () => {
    const a = await newSeller();
    const b = await newSeller();
    await createAndClose(a.sellerId, '113-0000000-0000301');
    await sweepPendingEvents(new Date(Date.now() + 1000), 1000);
    const page = await list(a.sellerId, { limit: 1 });
    expect(page.items).toHaveLength(1);
    expect((await list(b.sellerId, { limit: 10 })).items).toEqual([]);

    const refused: Array<[Record<string, string>, number]> = [
      [{ after: page.next! }, 422], // a cursor, but another seller's
      [{ after: 'not-a-cursor' }, 422],
      [{ limit: '0' }, 400],
      [{ limit: '101' }, 400],
      [{ since: 'x' }, 400],
    ];
    for (const [query, status] of refused) {
      const answer = await invoke('ListEvents', { sellerId: b.sellerId, path: '/v1/events', query });
      expect(answer.status, JSON.stringify(query)).toBe(status);
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body.errors?.[0]?.field, JSON.stringify(query)).toMatch(
        /^(query\/)?(after|limit|since)$/,
      );
    }
    const own = await invoke('ListEvents', { sellerId: b.sellerId, path: '/v1/events' });
    expect(own).toMatchObject({ status: 200, body: { items: [] } });
  });
});
