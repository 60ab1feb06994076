import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call } from './support/http.js';
import { createBody } from '../support/requests.js';

describe('seller isolation and idempotent replays over HTTP', () => {
  let stack: RunningStack;
  let acme: string;
  let kaito: string;

  beforeAll(async () => {
    stack = await startLocalStack();
    acme = stack.sellers.find((s) => s.sellerId === 'demo-acme')!.apiKey;
    kaito = stack.sellers.find((s) => s.sellerId === 'demo-kaito')!.apiKey;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("answers 404 to another seller's return, exactly as to one that does not exist", async () => {
    const created = await call<{ id: string }>(stack.api, '/v1/returns', { key: acme, body: createBody() });
    const foreign = await call(stack.api, `/v1/returns/${created.body.id}`, { key: kaito });
    const missing = await call(stack.api, '/v1/returns/01J00000000000000000000000', { key: kaito });
    expect(foreign.status).toBe(404);
    expect(foreign.contentType).toContain('application/problem+json');
    expect({ ...foreign.body, detail: undefined }).toEqual({ ...missing.body, detail: undefined });
    const foreignWrite = await call(stack.api, `/v1/returns/${created.body.id}/close`, {
      key: kaito,
      body: { reason: 'OUTSIDE_POLICY' },
    });
    expect(foreignWrite.status).toBe(404);
    const list = await call<{ items: unknown[] }>(stack.api, '/v1/returns', { key: kaito });
    expect(list.body.items).toEqual([]);
  });

  it('replays a POST with the same Idempotency-Key and body, writing nothing new', async () => {
    const headers = { 'idempotency-key': 'order-113-replay-1' };
    const body = createBody({ orderId: '113-5555555-5555555' });
    const first = await call<{ id: string }>(stack.api, '/v1/returns', { key: acme, body, headers });
    const second = await call<{ id: string }>(stack.api, '/v1/returns', { key: acme, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const list = await call<{ items: { orderId: string }[] }>(stack.api, '/v1/returns', { key: acme });
    expect(list.body.items.filter((r) => r.orderId === '113-5555555-5555555')).toHaveLength(1);

    const different = await call(stack.api, '/v1/returns', {
      key: acme,
      body: { ...body, comment: 'another request' },
      headers,
    });
    expect(different.status).toBe(422);
    expect(different.body).toMatchObject({ type: '/problems/idempotency-key-reused' });
  });

  it('refuses a missing, wrong or malformed API key with 401 problem+json', async () => {
    for (const key of [
      undefined,
      'rk_01j00000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'nope',
    ]) {
      const res = await call(stack.api, '/v1/returns', { key });
      expect(res.status).toBe(401);
      expect(res.contentType).toContain('application/problem+json');
    }
  });
});
