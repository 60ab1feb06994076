import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call, mailTo } from './support/http.js';
import { createBody, daysAgo } from '../support/requests.js';

type ReturnBody = { id: string; rma: string; status: string; decision: { outcome: string; summary: string } };

/** The README's curl walkthrough, step by step, against `npm start`. */
describe('README walkthrough on the local runtime', () => {
  let stack: RunningStack;
  let key: string;
  let inPolicy: ReturnBody;
  let outOfWindow: ReturnBody;

  beforeAll(async () => {
    stack = await startLocalStack();
    key = stack.sellers[0]!.apiKey;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a return within policy, authorized by the policy with its reasons', async () => {
    const res = await call<ReturnBody>(stack.api, '/v1/returns', { key, body: createBody() });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('AUTHORIZED');
    expect(res.body.rma).toMatch(/^RMA-/);
    expect(res.body.decision.outcome).toBe('AUTHORIZE');
    expect(res.body.decision.summary).not.toBe('');
    inPolicy = res.body;
  });

  it('creates a return outside the window, which waits for the seller', async () => {
    const res = await call<ReturnBody>(stack.api, '/v1/returns', {
      key,
      body: createBody({ orderId: '113-7654321-7654321', deliveredAt: daysAgo(45), reason: 'CHANGED_MIND' }),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('AUTHORIZATION_REQUIRED');
    expect(res.body.decision.outcome).toBe('REQUIRES_AUTHORIZATION');
    expect(res.body.decision.summary).toMatch(/window/i);
    outOfWindow = res.body;
  });

  it('lists the requests that wait for authorization', async () => {
    const res = await call<{ items: ReturnBody[] }>(stack.api, '/v1/returns?status=AUTHORIZATION_REQUIRED', {
      key,
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r) => r.id)).toEqual([outOfWindow.id]);
  });

  it('authorizes it', async () => {
    const res = await call<ReturnBody>(stack.api, `/v1/returns/${outOfWindow.id}/authorize`, {
      key,
      method: 'POST',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('AUTHORIZED');
    const events = await call<{ items: { type: string; to: string; actor: { kind: string } }[] }>(
      stack.api,
      `/v1/returns/${outOfWindow.id}/events`,
      { key },
    );
    // The pipeline may have bought the label already: the timeline starts with these two.
    expect(events.body.items.slice(0, 2).map((e) => [e.type, e.to, e.actor.kind])).toEqual([
      ['CREATED', 'AUTHORIZATION_REQUIRED', 'seller'],
      ['AUTHORIZE', 'AUTHORIZED', 'seller'],
    ]);
  });

  it('closes a request with a comment, and the buyer gets it by e-mail in their language', async () => {
    const created = await call<ReturnBody>(stack.api, '/v1/returns', {
      key,
      body: createBody({
        orderId: '113-0000000-0000001',
        deliveredAt: daysAgo(90),
        buyer: { email: 'kaufer@example.de', locale: 'de-DE', country: 'US' },
      }),
    });
    const res = await call<ReturnBody & { closure: { reason: string; comment: string } }>(
      stack.api,
      `/v1/returns/${created.body.id}/close`,
      {
        key,
        body: { reason: 'OUTSIDE_RETURN_WINDOW', comment: 'Delivered 90 days ago; our window is 30 days.' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('CLOSED');
    // The mail goes out from the outbox, just after the answer.
    const [mail] = await mailTo(stack.ses, 'kaufer@example.de', 1);
    expect(mail).toBeDefined();
    expect(mail!.subject).toContain(created.body.rma);
    expect(mail!.body.text).toContain('Delivered 90 days ago; our window is 30 days.');
    expect(mail!.body.html).toContain('Delivered 90 days ago; our window is 30 days.');
    expect(mail!.body.text).toMatch(/Rückgabe|Rücksendung/);
  });

  it('cancels on the buyer’s behalf, and the seller is told', async () => {
    const res = await call<ReturnBody>(stack.api, `/v1/returns/${inPolicy.id}/cancel`, {
      key,
      body: { comment: 'Found the charger, it works now' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('CANCELLED');
    const [mail] = await mailTo(stack.ses, 'returns@acme-outdoor.example', 1);
    expect(mail).toBeDefined();
    expect(mail!.body.text).toContain(inPolicy.rma);
    expect(mail!.body.text).toContain('Found the charger, it works now');
  });

  it('refuses to authorize a closed or cancelled return, and changes nothing', async () => {
    const res = await call(stack.api, `/v1/returns/${inPolicy.id}/authorize`, { key, method: 'POST' });
    expect(res.status).toBe(409);
    expect(res.contentType).toContain('application/problem+json');
    const after = await call<ReturnBody>(stack.api, `/v1/returns/${inPolicy.id}`, { key });
    expect(after.body.status).toBe('CANCELLED');
  });

  it('serves the OpenAPI document without a key', async () => {
    const res = await call<{ openapi: string; paths: Record<string, unknown> }>(
      stack.api,
      '/v1/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/v1/returns/{id}/close');
  });
});
