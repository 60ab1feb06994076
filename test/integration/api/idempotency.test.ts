import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { unpackJson } from '../../../functions/adapters/dynamodb/packed-json.js';
import { idempotencyRecordKey } from '../../../functions/adapters/dynamodb/table-design.js';
import { itemSize } from '../../../bench/key-heat/item-size.js';
import { invoke, newSeller, storedReturnCount } from '../support/api.js';
import { rawItem } from '../support/table.js';
import { createBody, daysAgo } from '../../support/requests.js';

describe('Idempotency-Key on POSTs', () => {
  let sellerId: string;
  let otherSellerId: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller());
    ({ sellerId: otherSellerId } = await newSeller());
  });

  it('returns the first response to a replay and writes nothing new', async () => {
    const headers = { 'idempotency-key': 'create-1' };
    const body = createBody();
    const first = await invoke('CreateReturn', { sellerId, path: '/v1/returns', body, headers });
    const replay = await invoke('CreateReturn', { sellerId, path: '/v1/returns', body, headers });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    expect(await storedReturnCount(sellerId)).toBe(1);
  });

  it('keeps each record under a partition key of its own, never one shared per route', async () => {
    const body = createBody();
    for (const key of ['own-1', 'own-2']) {
      const answer = await invoke('CreateReturn', {
        sellerId,
        path: '/v1/returns',
        body,
        headers: { 'idempotency-key': key },
      });
      expect(answer.status).toBe(201);
    }
    // Powertools' record key: the route prefix and the MD5 (base64) of the JSON of the scoped key.
    const recordKey = (key: string) =>
      `route#CreateReturn#${createHash('md5')
        .update(JSON.stringify(`${sellerId}#${key}`))
        .digest('base64')}`;

    for (const key of ['own-1', 'own-2']) {
      expect(await rawItem(idempotencyRecordKey(recordKey(key)))).toMatchObject({
        pk: recordKey(key),
        sk: 'IDEMPOTENCY',
        status: 'COMPLETED',
        expiration: expect.any(Number),
      });
    }
  });

  it("keeps the answer packed, so a created return's record bills one write unit, not three", async () => {
    const headers = { 'idempotency-key': 'packed-1' };
    const first = await invoke('CreateReturn', {
      sellerId,
      path: '/v1/returns',
      body: createBody(),
      headers,
    });
    const record = await rawItem(
      idempotencyRecordKey(
        `route#CreateReturn#${createHash('md5')
          .update(JSON.stringify(`${sellerId}#packed-1`))
          .digest('base64')}`,
      ),
    );
    const { packed } = record!.data as { packed: Uint8Array };

    expect(JSON.stringify(first.body).length).toBeGreaterThan(1024);
    expect(itemSize(record!)).toBeLessThan(1024);
    expect(unpackJson(packed, 'the record')).toMatchObject({ status: 201, body: first.body });
  });

  it('refuses the same key with another body (422), writing nothing', async () => {
    const headers = { 'idempotency-key': 'create-2' };
    await invoke('CreateReturn', { sellerId, path: '/v1/returns', body: createBody(), headers });
    const before = await storedReturnCount(sellerId);
    const other = await invoke('CreateReturn', {
      sellerId,
      path: '/v1/returns',
      body: createBody({ orderId: 'another-order' }),
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([{ field: 'idempotency-key', rule: expect.any(String) }]);
    expect(await storedReturnCount(sellerId)).toBe(before);
  });

  it('answers 409 to the same key while its first request is still running, writing one return', async () => {
    const headers = { 'idempotency-key': 'create-concurrent' };
    const before = await storedReturnCount(sellerId);
    const body = createBody(); // once: the same key with the very same body
    const request = () => invoke('CreateReturn', { sellerId, path: '/v1/returns', body, headers });
    const answers = await Promise.all([request(), request()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.type).toBe('/problems/idempotency-in-progress');
    expect(await storedReturnCount(sellerId)).toBe(before + 1);
  });

  it('answers parallel requests with one key, whose first one fails, with a 409 each, never a 5xx', async () => {
    // A failed first request releases its key while the others look it up (Powertools then finds no record).
    const created = await invoke('CreateReturn', { sellerId, path: '/v1/returns', body: createBody() });
    const id = String(created.body.id);
    await invoke('CancelReturn', { sellerId, path: `/v1/returns/${id}/cancel` });
    for (let round = 0; round < 8; round++) {
      const headers = { 'idempotency-key': `authorize-cancelled-${round}` };
      const path = `/v1/returns/${id}/authorize`;
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => invoke('AuthorizeReturn', { sellerId, path, headers })),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(409);
        expect(answer.contentType).toBe('application/problem+json');
        expect(['/problems/illegal-transition', '/problems/idempotency-in-progress']).toContain(
          answer.body.type,
        );
      }
    }
  });

  it('keeps sellers apart: the same key from another seller is a new request', async () => {
    const headers = { 'idempotency-key': 'create-1' };
    const answer = await invoke('CreateReturn', {
      sellerId: otherSellerId,
      path: '/v1/returns',
      body: createBody(),
      headers,
    });
    expect(answer.status).toBe(201);
    expect(await storedReturnCount(otherSellerId)).toBe(1);
  });

  it('replays a command without applying it twice', async () => {
    const created = await invoke('CreateReturn', {
      sellerId,
      path: '/v1/returns',
      body: createBody({ deliveredAt: daysAgo(60) }),
    });
    const path = `/v1/returns/${String(created.body.id)}/authorize`;
    const headers = { 'idempotency-key': 'authorize-1' };
    const first = await invoke('AuthorizeReturn', { sellerId, path, headers });
    const replay = await invoke('AuthorizeReturn', { sellerId, path, headers });
    expect(first.status).toBe(200);
    expect(replay).toEqual(first);
    const events = await invoke('ListReturnEvents', {
      sellerId,
      path: `/v1/returns/${String(created.body.id)}/events`,
    });
    expect((events.body.items as { type: string }[]).filter((e) => e.type === 'AUTHORIZE')).toHaveLength(1);
  });

  it('does not remember failures: a refused request may be retried with the same key', async () => {
    const headers = { 'idempotency-key': 'create-3' };
    const bad = await invoke('CreateReturn', {
      sellerId,
      path: '/v1/returns',
      body: createBody({ deliveredAt: daysAgo(-1) }),
      headers,
    });
    expect(bad.status).toBe(422);
    const fixed = await invoke('CreateReturn', {
      sellerId,
      path: '/v1/returns',
      body: createBody(),
      headers,
    });
    expect(fixed.status).toBe(201);
  });

  it('refuses a malformed key', async () => {
    const answer = await invoke('CreateReturn', {
      sellerId,
      path: '/v1/returns',
      body: createBody(),
      headers: { 'idempotency-key': 'x'.repeat(300) },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'idempotency-key', rule: expect.any(String) }]);
  });
});
