import { beforeAll, describe, expect, it } from 'vitest';
import { LISTING_SHARDS } from '../../../functions/adapters/dynamodb/table-design.js';
import { invoke, newSeller } from '../support/api.js';
import { dynamoCallsOf } from '../support/dynamodb-calls.js';
import { createBody } from '../../support/requests.js';

type Listed = { id: string; rma: string; orderId: string };

const list = async (sellerId: string, query: Record<string, string>) =>
  invoke('ListReturns', { sellerId, path: '/v1/returns', query });

const idsOf = (answer: { body: Record<string, unknown> }) => (answer.body.items as Listed[]).map((r) => r.id);

describe('GET /v1/returns by order and by RMA', () => {
  let sellerId: string;
  let otherSellerId: string;
  const orderId = `order-${Date.now()}`;
  const created: Listed[] = [];
  let othersReturn: Listed;

  beforeAll(async () => {
    ({ sellerId } = await newSeller());
    ({ sellerId: otherSellerId } = await newSeller());
    for (const order of [orderId, orderId, `${orderId}-b`]) {
      const answer = await invoke('CreateReturn', {
        sellerId,
        path: '/v1/returns',
        body: createBody({ orderId: order }),
      });
      expect(answer.status).toBe(201);
      created.push(answer.body as unknown as Listed);
    }
    const other = await invoke('CreateReturn', {
      sellerId: otherSellerId,
      path: '/v1/returns',
      body: createBody({ orderId }),
    });
    othersReturn = other.body as unknown as Listed;
  });

  it('lists the seller’s returns for an order, newest first, and no other seller’s', async () => {
    const answer = await list(sellerId, { orderId });

    expect(answer.status).toBe(200);
    expect(idsOf(answer)).toEqual([created[1]!.id, created[0]!.id]);
    expect(idsOf(await list(otherSellerId, { orderId }))).toEqual([othersReturn.id]);
  });

  it('pages an order’s returns with a cursor that works only for that order', async () => {
    const first = await list(sellerId, { orderId, limit: '1' });
    const cursor = String(first.body.cursor);

    expect(idsOf(first)).toEqual([created[1]!.id]);
    expect(idsOf(await list(sellerId, { orderId, limit: '1', cursor }))).toEqual([created[0]!.id]);
    const elsewhere = await list(sellerId, { orderId: `${orderId}-b`, cursor });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.contentType).toBe('application/problem+json');
    expect(elsewhere.body.errors).toEqual([{ field: 'cursor', rule: expect.any(String) }]);
    expect((await list(otherSellerId, { orderId, cursor })).status).toBe(422);
  });

  it('finds a return by its RMA number, only for its own seller', async () => {
    const target = created[2]!;

    expect(idsOf(await list(sellerId, { rma: target.rma }))).toEqual([target.id]);
    expect(idsOf(await list(otherSellerId, { rma: target.rma }))).toEqual([]);
  });

  it.each([
    [{ orderId: 'o-1', status: 'AUTHORIZED' }, 'query/orderId'],
    [{ rma: 'RMA-AAAAA-BBBBB', orderId: 'o-1' }, 'query/rma'],
    [{ rma: 'RMA-1' }, 'query/rma'],
    [{ orderId: 'has space' }, 'query/orderId'],
    [{ order: 'o-1' }, 'query/order'],
    [{ orderId: 'o'.repeat(65) }, 'query/orderId'],
    [{ rma: "RMA-AAAAA-BBBBB' OR '1'='1" }, 'query/rma'],
    [JSON.parse('{"__proto__":"x"}') as Record<string, string>, 'query/__proto__'],
  ])('refuses %o with a 400 problem naming %s', async (query, field) => {
    const answer = await list(sellerId, query);

    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body.errors?.map((e) => e.field)).toEqual([field]);
  });
});

describe('round trips of a seller’s reads', () => {
  let sellerId: string;
  let id: string;
  let status: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller());
    const answer = await invoke('CreateReturn', { sellerId, path: '/v1/returns', body: createBody() });
    id = String(answer.body.id);
    status = String(answer.body.status);
  });

  it('reads a return with one GetItem', async () => {
    const calls = await dynamoCallsOf(() => invoke('GetReturn', { sellerId, path: `/v1/returns/${id}` }));
    expect(calls).toEqual(['GetItemCommand']);
  });

  it('lists with one Query per shard and one BatchGetItem, or one Query for an order', async () => {
    const listed: string[][] = [];
    const byStatus = await dynamoCallsOf(async () => listed.push(idsOf(await list(sellerId, { status }))));
    expect(listed).toEqual([[id]]);
    expect(byStatus).toEqual([...Array<string>(LISTING_SHARDS).fill('QueryCommand'), 'BatchGetItemCommand']);
    const byOrder = await dynamoCallsOf(() => list(sellerId, { orderId: 'no-such-order' }));
    expect(byOrder).toEqual(['QueryCommand']);
  });
});
