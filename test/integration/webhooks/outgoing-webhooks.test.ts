import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { ReturnEventSchema, type ReturnEvent } from '../../../domain/events/return-event.js';
import type { LifecycleCommand } from '../../../domain/lifecycle.js';
import { DynamoWebhookDeliveryRepository } from '../../../functions/adapters/dynamodb/webhook-deliveries.js';
import { DynamoWebhookEndpointRepository } from '../../../functions/adapters/dynamodb/webhook-endpoints.js';
import { documentClient, tableNameFromEnv } from '../../../functions/adapters/dynamodb/document-client.js';
import {
  idempotencyRecordKey,
  webhookEndpointKey,
} from '../../../functions/adapters/dynamodb/table-design.js';
import { unpackJson } from '../../../functions/adapters/dynamodb/packed-json.js';
import { KmsSecretSealer } from '../../../functions/adapters/kms-secret-sealer.js';
import { GuardedWebhookTransport } from '../../../functions/adapters/webhook-transport.js';
import { sweepPendingEvents } from '../../../functions/events/dispatch-pending.js';
import { applyCommand } from '../../../functions/use-cases/apply-command.js';
import { deliverDueWebhooks } from '../../../functions/use-cases/deliver-webhooks.js';
import {
  createWebhookEndpoint,
  listWebhookDeliveries,
  retryWebhookDelivery,
  rotateWebhookSecret,
} from '../../../functions/use-cases/manage-webhook-endpoints.js';
import { notificationLedger, sellers } from '../../../functions/shared/dependencies/data.js';
import { mailer } from '../../../functions/shared/dependencies/mail.js';
import { mailEndpointDisabled } from '../../../functions/use-cases/endpoint-disabled-mail.js';
import { FixedClock } from '../../support/in-memory/clock.js';
import { mailTo } from '../support/mailbox.js';
import { invoke, newSeller } from '../support/api.js';
import { returns, storedReturn } from '../support/pipeline.js';
import { rawItem, tableOptions, uniqueId } from '../support/table.js';
import { startReceiver } from './receiver.js';

const endpoints = new DynamoWebhookEndpointRepository(tableOptions());
const deliveries = new DynamoWebhookDeliveryRepository(tableOptions());
const transport = new GuardedWebhookTransport({ allowLocalHttp: true });
/** The real sealer on the KMS stand-in, as deployed. */
const sealer = new KmsSecretSealer();
const SHORT = { firstDelayMs: 1_000, maxDelayMs: 4_000, giveUpAfterMs: 30_000 };

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.stop());

/** A seller with an endpoint at the test receiver, on a clock the test moves. */
const sellerWithEndpoint = async (events = ['*']) => {
  const { sellerId } = await newSeller();
  // Ahead of the dispatcher's real clock, so what it writes is due at once on this one.
  const clock = new FixedClock(new Date(Date.now() + 5_000));
  const path = `/${uniqueId('hooks')}`;
  const endpoint = await createWebhookEndpoint({ endpoints, transport, clock, sealer }, sellerId, {
    url: `${receiver.url}${path}`,
    events,
  });
  const answers: number[] = [];
  receiver.answers.set(path, answers);
  /** The endpoint each secret the worker opened was for, one entry per open. */
  const opened: string[] = [];
  const worker = {
    endpoints,
    deliveries,
    transport,
    sealer: {
      open: (sealed: string, context: Record<string, string>) => {
        opened.push(context.endpointId!);
        return sealer.open(sealed, context);
      },
    },
    clock,
    random: () => 1,
    timeoutMs: 2_000,
    retryPolicy: SHORT,
    onDisabled: mailEndpointDisabled({ mailer, notifications: notificationLedger, sellers }),
  };
  return { sellerId, clock, endpoint, answers, opened, deliver: () => deliverDueWebhooks(worker) };
};

const change = (sellerId: string, id: string, command: LifecycleCommand) =>
  applyCommand({ returns: returns(), clock: { now: () => new Date() } }, sellerId, id, command, {
    kind: 'system',
  });

/** What the receiver got for one return, verified as a receiver would verify it, in arrival order. */
const verifiedFor = (returnId: string, secret: string): ReturnEvent[] =>
  receiver.received
    .map((r) => ({ r, event: ReturnEventSchema.parse(JSON.parse(r.body)) }))
    .filter(({ event }) => event.returnId === returnId)
    .map(({ r, event }) => {
      const verified = new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as ReturnEvent;
      expect(r.headers['webhook-id']).toBe(event.id);
      return verified;
    });

const tracking = (status: 'IN_TRANSIT' | 'DELIVERED', n: number): LifecycleCommand => ({
  type: 'TRACKING_EVENT',
  status,
  eventId: uniqueId(`c${n}`),
  occurredAt: new Date().toISOString(),
});

describe('outgoing webhooks', () => {
  it('delivers every event signed (standardwebhooks verifies it), in sequence order under concurrent changes and dispatchers', async () => {
    const { sellerId, endpoint, deliver } = await sellerWithEndpoint();
    const ret = await storedReturn({ sellerId, status: 'LABEL_ISSUED' });

    // Changes, dispatchers and delivery passes all at once.
    const changes = (async () => {
      await change(sellerId, ret.id, tracking('IN_TRANSIT', 1));
      await change(sellerId, ret.id, tracking('DELIVERED', 2));
      await change(sellerId, ret.id, {
        type: 'RECORD_INSPECTION',
        inspection: { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' },
      });
    })();
    const racing = Array.from({ length: 3 }, async () => {
      for (let i = 0; i < 6; i++) {
        await sweepPendingEvents(new Date(Date.now() + 1000));
        await deliver();
      }
    });
    await Promise.all([changes, ...racing]);
    for (let i = 0; i < 3; i++) {
      await sweepPendingEvents(new Date(Date.now() + 1000));
      await deliver();
    }

    const events = verifiedFor(ret.id, endpoint.secret);
    expect(events.map((e) => e.type)).toEqual(['return.in_transit', 'return.delivered', 'return.inspected']);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(events[2]!.data.return).toMatchObject({
      status: 'INSPECTED',
      inspection: { disposition: 'RESTOCK' },
    });
    const log = await listWebhookDeliveries({ endpoints, deliveries }, sellerId, endpoint.id);
    expect(log.map((d) => [d.sequence, d.status, d.attempts.length])).toEqual(
      expect.arrayContaining([
        [1, 'SUCCEEDED', 1],
        [2, 'SUCCEEDED', 1],
        [3, 'SUCCEEDED', 1],
      ]),
    );
  });

  it('retries with backoff on a shortened clock, the later event waiting for the earlier, the id stable', async () => {
    const { sellerId, endpoint, clock, answers, deliver } = await sellerWithEndpoint(['return.*']);
    const ret = await storedReturn({ sellerId, status: 'LABEL_ISSUED' });
    await change(sellerId, ret.id, tracking('IN_TRANSIT', 1));
    await change(sellerId, ret.id, tracking('DELIVERED', 2));
    await sweepPendingEvents(new Date(Date.now() + 1000));

    answers.push(500, 503);
    await deliver(); // try 1 of event 1 fails; event 2 waits
    await deliver(); // nothing is due yet
    expect(verifiedFor(ret.id, endpoint.secret).map((e) => e.sequence)).toEqual([1]);
    clock.advance(1_000);
    await deliver(); // try 2 fails: the next in 2 s
    clock.advance(1_999);
    await deliver();
    clock.advance(1);
    await deliver(); // try 3 succeeds, and event 2 follows at once

    const events = verifiedFor(ret.id, endpoint.secret);
    expect(events.map((e) => e.sequence)).toEqual([1, 1, 1, 2]);
    expect(new Set(events.slice(0, 3).map((e) => e.id)).size).toBe(1);
    const [second, first] = await listWebhookDeliveries({ endpoints, deliveries }, sellerId, endpoint.id);
    expect(first!.attempts.map((a) => [a.attempt, a.outcome, a.responseCode])).toEqual([
      [1, 'FAILED', 500],
      [2, 'FAILED', 503],
      [3, 'SUCCEEDED', 200],
    ]);
    expect(first!.attempts.every((a) => Number.isInteger(a.durationMs) && a.durationMs >= 0)).toBe(true);
    expect(second).toMatchObject({ sequence: 2, status: 'SUCCEEDED' });
  });

  it('disables the endpoint on a 410, and sends it nothing more', async () => {
    const { sellerId, endpoint, answers, deliver } = await sellerWithEndpoint();
    const ret = await storedReturn({ sellerId, status: 'LABEL_ISSUED' });
    await change(sellerId, ret.id, tracking('IN_TRANSIT', 1));
    await sweepPendingEvents(new Date(Date.now() + 1000));
    answers.push(410);
    await deliver();

    expect(await endpoints.get(sellerId, endpoint.id)).toMatchObject({
      status: 'DISABLED',
      disabledReason: expect.stringContaining('410'),
    });
    const told = (await mailTo(`${sellerId}@sellers.example`)).filter((m) =>
      /webhook endpoint/.test(m.subject),
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.body.text).toContain('410');
    await change(sellerId, ret.id, tracking('DELIVERED', 2));
    await sweepPendingEvents(new Date(Date.now() + 1000));
    await deliver();
    expect(verifiedFor(ret.id, endpoint.secret)).toHaveLength(1);
  });

  it('disables the endpoint after failing for the whole retry window; a retry enables it and resends', async () => {
    const { sellerId, endpoint, clock, answers, deliver } = await sellerWithEndpoint();
    const ret = await storedReturn({ sellerId, status: 'LABEL_ISSUED' });
    await change(sellerId, ret.id, tracking('IN_TRANSIT', 1));
    await sweepPendingEvents(new Date(Date.now() + 1000));
    answers.push(...Array<number>(20).fill(500));
    for (let i = 0; i < 12; i++) {
      await deliver();
      clock.advance(4_000);
    }
    answers.length = 0;
    const [failed] = await listWebhookDeliveries({ endpoints, deliveries }, sellerId, endpoint.id);
    expect(failed).toMatchObject({ status: 'FAILED' });
    expect(await endpoints.get(sellerId, endpoint.id)).toMatchObject({ status: 'DISABLED' });

    await retryWebhookDelivery({ endpoints, deliveries, clock }, sellerId, endpoint.id, failed!.deliveryId);
    await deliver();
    const [resent] = await listWebhookDeliveries({ endpoints, deliveries }, sellerId, endpoint.id);
    expect(resent).toMatchObject({ status: 'SUCCEEDED' });
    expect(resent!.attempts.at(-1)).toMatchObject({ outcome: 'SUCCEEDED', responseCode: 200 });
  });

  it('signs with both secrets for a day after a rotation', async () => {
    const { sellerId, endpoint, clock, deliver } = await sellerWithEndpoint();
    const rotated = await rotateWebhookSecret({ endpoints, clock, sealer }, sellerId, endpoint.id);
    const ret = await storedReturn({ sellerId, status: 'LABEL_ISSUED' });
    await change(sellerId, ret.id, tracking('IN_TRANSIT', 1));
    await sweepPendingEvents(new Date(Date.now() + 1000));
    await deliver();
    expect(verifiedFor(ret.id, endpoint.secret)).toHaveLength(1);
    expect(verifiedFor(ret.id, rotated.secret)).toHaveLength(1);
    expect(rotated.secret).not.toBe(endpoint.secret);
  });
});

describe("the endpoints' signing secrets", () => {
  const stored = (sellerId: string, id: string) =>
    rawItem(webhookEndpointKey(sellerId, id) as { pk: string; sk: string });

  it('are stored sealed, never as whsec_ text, after a create and after a rotation', async () => {
    const { sellerId, endpoint, clock } = await sellerWithEndpoint();
    expect(JSON.stringify(await stored(sellerId, endpoint.id))).not.toContain('whsec_');
    const rotated = await rotateWebhookSecret({ endpoints, clock, sealer }, sellerId, endpoint.id);
    const item = JSON.stringify(await stored(sellerId, endpoint.id));
    expect(item).not.toContain('whsec_');
    for (const secret of [endpoint.secret, rotated.secret]) {
      expect(item).not.toContain(secret.slice('whsec_'.length));
    }
    expect((await endpoints.get(sellerId, endpoint.id))!.secrets).toHaveLength(2);
  });

  it('are opened once per pass, however many chains of the endpoint go out in it', async () => {
    const { sellerId, endpoint, opened, deliver } = await sellerWithEndpoint();
    const rets = [
      await storedReturn({ sellerId, status: 'LABEL_ISSUED' }),
      await storedReturn({ sellerId, status: 'LABEL_ISSUED' }),
    ];
    for (const ret of rets) await change(sellerId, ret.id, tracking('IN_TRANSIT', 1));
    await sweepPendingEvents(new Date(Date.now() + 1000));
    await deliver();
    for (const ret of rets) expect(verifiedFor(ret.id, endpoint.secret)).toHaveLength(1);
    expect(opened).toEqual([endpoint.id]);
  });

  it("do not open when copied onto another seller's endpoint: nothing is sent, nothing leaks", async () => {
    const victim = await sellerWithEndpoint();
    const thief = await sellerWithEndpoint();
    const victimItem = (await stored(victim.sellerId, victim.endpoint.id))!;
    const thiefItem = (await stored(thief.sellerId, thief.endpoint.id))!;
    await documentClient.send(
      new PutCommand({
        TableName: tableNameFromEnv(),
        Item: { ...thiefItem, secrets: victimItem.secrets },
      }),
    );
    const ret = await storedReturn({ sellerId: thief.sellerId, status: 'LABEL_ISSUED' });
    await change(thief.sellerId, ret.id, tracking('IN_TRANSIT', 1));
    await sweepPendingEvents(new Date(Date.now() + 1000));
    const streams = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')];
    await thief.deliver();
    const logged = streams.flatMap((s) => s.mock.calls.map((c) => String(c[0]))).join('');
    for (const s of streams) s.mockRestore();

    expect(receiver.received.filter((r) => r.body.includes(ret.id))).toEqual([]);
    expect(logged).toContain('webhook signing secrets did not open');
    expect(logged).toContain(thief.endpoint.id);
    expect(logged).not.toContain('whsec_');
    expect(logged).not.toContain(victim.endpoint.secret.slice('whsec_'.length));
    const log = await listWebhookDeliveries({ endpoints, deliveries }, thief.sellerId, thief.endpoint.id);
    expect(log).toEqual([
      expect.objectContaining({
        status: 'PENDING',
        attempts: [
          expect.objectContaining({
            outcome: 'FAILED',
            error: expect.stringContaining('could not be opened'),
          }),
        ],
      }),
    ]);
    const listed = await invoke('ListWebhookDeliveries', {
      sellerId: thief.sellerId,
      path: `/v1/webhook-endpoints/${thief.endpoint.id}/deliveries`,
    });
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect(JSON.stringify(listed.body)).not.toContain(victim.endpoint.secret.slice('whsec_'.length));
  });
});

describe('the webhook-endpoint routes', () => {
  it('keep each seller to its own endpoints and events', async () => {
    const a = await sellerWithEndpoint();
    const b = await newSeller();
    const path = `/v1/webhook-endpoints/${a.endpoint.id}`;
    const asB = (routeName: string, p: string) =>
      invoke(routeName, {
        sellerId: b.sellerId,
        path: p,
        ...(routeName.startsWith('Rotate') ? { body: undefined } : {}),
      });
    expect((await asB('ListWebhookEndpoints', '/v1/webhook-endpoints')).body.items).toEqual([]);
    for (const [route, p] of [
      ['DeleteWebhookEndpoint', path],
      ['RotateWebhookSecret', `${path}/rotate-secret`],
      ['ListWebhookDeliveries', `${path}/deliveries`],
    ] as const) {
      const answer = await asB(route, p);
      expect(answer.status).toBe(404);
      expect(answer.contentType).toBe('application/problem+json');
    }
    const listed = await invoke('ListWebhookEndpoints', {
      sellerId: a.sellerId,
      path: '/v1/webhook-endpoints',
    });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: a.endpoint.id, status: 'ENABLED' })]);
    expect(JSON.stringify(listed.body)).not.toContain(a.endpoint.secret);
  });

  it.each([
    ['no events', { url: 'https://93.184.215.14/hooks' }, 400, 'events'],
    [
      'an unknown event',
      { url: 'https://93.184.215.14/hooks', events: ['return.exploded'] },
      400,
      'events/0',
    ],
    ['an unknown field', { url: 'https://93.184.215.14/hooks', events: ['*'], secret: 'mine' }, 400, ''],
    ['plain http', { url: 'http://93.184.215.14/hooks', events: ['*'] }, 422, 'url'],
    ['the metadata address', { url: 'https://169.254.169.254/latest', events: ['*'] }, 422, 'url'],
    ['loopback', { url: 'https://127.0.0.1/hooks', events: ['*'] }, 422, 'url'],
    ['IPv6 loopback', { url: 'https://[::1]/hooks', events: ['*'] }, 422, 'url'],
  ])('refuse %s with problem+json, writing nothing', async (_what, body, status, field) => {
    const { sellerId } = await newSeller();
    const answer = await invoke('CreateWebhookEndpoint', { sellerId, path: '/v1/webhook-endpoints', body });
    expect(answer.status).toBe(status);
    expect(answer.contentType).toBe('application/problem+json');
    if (field) expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    expect(await endpoints.list(sellerId)).toEqual([]);
  });

  /** The stored record of a keyed POST, by Powertools' key: the route and the MD5 of the scoped key. */
  /** A route's idempotency record as stored, its answer unpacked (what the table holds, deflated). */
  const idempotencyRecord = async (route: string, sellerId: string, key: string) => {
    const item = await rawItem(
      idempotencyRecordKey(
        `route#${route}#${createHash('md5')
          .update(JSON.stringify(`${sellerId}#${key}`))
          .digest('base64')}`,
      ),
    );
    const { packed } = (item?.data ?? {}) as { packed?: unknown };
    return { ...item, data: unpackJson(packed, 'the record') };
  };

  it('give a keyed retry of a register or a rotate the same secret, from a record that holds it only sealed', async () => {
    const { sellerId } = await newSeller();
    const register = () =>
      invoke('CreateWebhookEndpoint', {
        sellerId,
        path: '/v1/webhook-endpoints',
        body: { url: 'https://93.184.215.14/hooks', events: ['*'] },
        headers: { 'idempotency-key': 'register-1' },
      });
    const first = await register();
    const replay = await register();
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    expect(await endpoints.list(sellerId)).toHaveLength(1);
    const created = await idempotencyRecord('CreateWebhookEndpoint', sellerId, 'register-1');
    expect(created).toMatchObject({ status: 'COMPLETED', data: { sealed: expect.any(String) } });
    expect(JSON.stringify(created)).not.toContain(String(first.body.secret).slice('whsec_'.length));

    const rotate = () =>
      invoke('RotateWebhookSecret', {
        sellerId,
        path: `/v1/webhook-endpoints/${String(first.body.id)}/rotate-secret`,
        headers: { 'idempotency-key': 'rotate-1' },
      });
    const rotated = await rotate();
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(first.body.secret);
    expect(await rotate()).toEqual(rotated);
    const stored = await endpoints.get(sellerId, String(first.body.id));
    expect(stored?.secrets).toHaveLength(2); // rotated once, not twice
    const record = await idempotencyRecord('RotateWebhookSecret', sellerId, 'rotate-1');
    expect(JSON.stringify(record)).not.toContain(String(rotated.body.secret).slice('whsec_'.length));
  });

  it('register an endpoint at a public address and show its secret once', async () => {
    const { sellerId } = await newSeller();
    const answer = await invoke('CreateWebhookEndpoint', {
      sellerId,
      path: '/v1/webhook-endpoints',
      body: { url: 'https://93.184.215.14/hooks', events: ['return.*', 'refund.completed'] },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.secret).toMatch(/^whsec_/);
    const listed = await invoke('ListWebhookEndpoints', { sellerId, path: '/v1/webhook-endpoints' });
    expect(listed.body.items).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
    const removed = await invoke('DeleteWebhookEndpoint', {
      sellerId,
      path: `/v1/webhook-endpoints/${String(answer.body.id)}`,
    });
    expect(removed.status).toBe(200);
    expect(await endpoints.list(sellerId)).toEqual([]);
  });
});
