import { describe, expect, it } from 'vitest';
import { hmacSignature, webhookBody } from '../../../infra/local/stand-ins/easypost/tracker-event.js';
import { DynamoReturnRepository } from '../../../functions/adapters/dynamodb/return-repository.js';
import type { Return, Status } from '../../../domain/return.js';
import { makeReturn } from '../../support/return-factory.js';
import { invoke, type Answer } from '../support/api.js';
import { tableOptions, uniqueId, uniqueSellerId } from '../support/table.js';

/**
 * POST /v1/webhooks/labels/easypost/{connectionId} through the real handler, matched from the route
 * table as the local API Gateway does, with connections made through PUT /v1/integrations/easypost
 * (sealed by the local KMS) and returns on the shared dynalite.
 */
const repo = new DynamoReturnRepository(tableOptions());

interface Connected {
  sellerId: string;
  connectionId: string;
  webhookSecret: string;
}

const connect = async (): Promise<Connected> => {
  const sellerId = uniqueSellerId();
  const webhookSecret = uniqueId('whsecret-of-some-length');
  const answer = await invoke('PutEasyPostIntegration', {
    sellerId,
    path: '/v1/integrations/easypost',
    body: { apiKey: `EZTK${uniqueId('k').replace(/\W/g, '')}`, webhookSecret },
  });
  expect(answer.status).toBe(200);
  const connectionId = String(answer.body.webhookUrl).split('/').at(-1)!;
  return { sellerId, connectionId, webhookSecret };
};

const post = (connectionId: string, body: string, headers: Record<string, string>): Promise<Answer> =>
  invoke('EasyPostWebhook', {
    path: `/v1/webhooks/labels/easypost/${connectionId}`,
    raw: body,
    headers: { 'content-type': 'application/json', ...headers },
  });

const trackerEvent = (trackingCode: string, status: string, id = uniqueId('evt')) => ({
  object: 'Event',
  id,
  description: 'tracker.updated',
  mode: 'test',
  created_at: new Date().toISOString(),
  previous_attributes: { status: 'pre_transit' },
  result: {
    object: 'Tracker',
    id: uniqueId('trk'),
    tracking_code: trackingCode,
    status,
    carrier: 'UPS',
    weight: 32,
    updated_at: new Date().toISOString(),
    tracking_details: [
      {
        object: 'TrackingDetail',
        status,
        message: 'Arrived at Facility',
        datetime: new Date().toISOString(),
      },
    ],
  },
});

/** Posts an event to a connection's URL, signed under `secret` as EasyPost signs it. */
const send = (to: Connected, event: unknown, secret = to.webhookSecret) => {
  const body = webhookBody(event);
  return post(to.connectionId, body, { 'X-Hmac-Signature': hmacSignature(secret, body) });
};

const storedReturn = async (sellerId: string, status: Status = 'LABEL_ISSUED'): Promise<Return> => {
  const made = makeReturn({ sellerId, status, pipeline: { taskToken: uniqueId('task-token') } });
  // A label EasyPost sold: UPS carries it, as the events below say.
  const ret: Return = {
    ...made,
    label: { ...made.label!, carrier: 'ups', provider: 'easypost', shipmentId: uniqueId('shp') },
  };
  await repo.create(ret);
  return ret;
};
const stored = async (ret: Return) => (await repo.get(ret.sellerId, ret.id))!;

describe('the EasyPost tracker webhook', () => {
  it('moves the return along, de-duplicates on the event id and never goes backwards', async () => {
    const acme = await connect();
    const ret = await storedReturn(acme.sellerId);
    const inTransit = trackerEvent(ret.trackingNumber!, 'in_transit');

    expect(await send(acme, inTransit)).toMatchObject({
      status: 200,
      body: { status: 'accepted', returnId: ret.id },
    });
    expect((await stored(ret)).status).toBe('IN_TRANSIT');
    expect(await send(acme, inTransit)).toMatchObject({ status: 200, body: { status: 'duplicate' } });

    await send(acme, trackerEvent(ret.trackingNumber!, 'delivered'));
    expect((await stored(ret)).status).toBe('DELIVERED');
    expect(await send(acme, trackerEvent(ret.trackingNumber!, 'in_transit'))).toMatchObject({
      status: 200,
      body: { status: 'accepted' },
    });
    const after = await stored(ret);
    expect(after.status).toBe('DELIVERED');
    expect(
      after.timeline.filter((e) => e.type === 'TRACKING_EVENT').map((e) => [e.to, e.data?.ignored]),
    ).toEqual([
      ['IN_TRANSIT', false],
      ['DELIVERED', false],
      ['DELIVERED', true],
    ]);
    expect(after.timeline.at(-1)?.actor).toEqual({ kind: 'carrier', id: 'ups' });
  });

  it.each([
    ['return_to_sender', 'EXCEPTION'],
    ['failure', 'EXCEPTION'],
    ['pre_transit', 'LABEL_CREATED'],
    ['out_for_delivery', 'OUT_FOR_DELIVERY'],
  ])('maps %s onto %s', async (easypost, ours) => {
    const acme = await connect();
    const ret = await storedReturn(acme.sellerId);
    expect(await send(acme, trackerEvent(ret.trackingNumber!, easypost))).toMatchObject({ status: 200 });
    expect((await stored(ret)).timeline.at(-1)).toMatchObject({
      type: 'TRACKING_EVENT',
      data: { status: ours },
    });
  });

  it('ignores an unknown status and other events, writing nothing', async () => {
    const acme = await connect();
    const ret = await storedReturn(acme.sellerId);
    expect(await send(acme, trackerEvent(ret.trackingNumber!, 'unknown'))).toMatchObject({
      status: 200,
      body: { status: 'ignored' },
    });
    const other = { ...trackerEvent(ret.trackingNumber!, 'delivered'), description: 'batch.created' };
    expect(await send(acme, other)).toMatchObject({ status: 200, body: { status: 'ignored' } });
    expect(await stored(ret)).toEqual(ret);
  });

  describe('refuses, before reading the body, a request not signed with the connection secret', () => {
    it.each([
      ['tampered after signing', (body: string) => body.replace('in_transit', 'delivered'), undefined],
      ['signed with a wrong secret', (body: string) => body, 'not-the-secret-at-all'],
      ['unsigned', (body: string) => body, null],
    ] as const)('%s: 401, nothing written', async (_name, change, secret) => {
      const acme = await connect();
      const ret = await storedReturn(acme.sellerId);
      const body = webhookBody(trackerEvent(ret.trackingNumber!, 'in_transit'));
      const headers: Record<string, string> =
        secret === null ? {} : { 'X-Hmac-Signature': hmacSignature(secret ?? acme.webhookSecret, body) };
      const answer = await post(acme.connectionId, change(body), headers);
      expect(answer).toMatchObject({
        status: 401,
        contentType: 'application/problem+json',
        body: { errors: [{ field: 'x-hmac-signature' }] },
      });
      expect(JSON.stringify(answer.body)).not.toContain(acme.webhookSecret);
      expect(await stored(ret)).toEqual(ret);
    });

    it("refuses another seller's secret on this connection's URL", async () => {
      const [acme, other] = [await connect(), await connect()];
      const ret = await storedReturn(acme.sellerId);
      const answer = await send(acme, trackerEvent(ret.trackingNumber!, 'delivered'), other.webhookSecret);
      expect(answer.status).toBe(401);
      expect(await stored(ret)).toEqual(ret);
    });
  });

  it("moves only the connection's seller's returns: another seller's tracking number is unknown to it", async () => {
    const [acme, other] = [await connect(), await connect()];
    const ret = await storedReturn(acme.sellerId);
    expect(await send(other, trackerEvent(ret.trackingNumber!, 'delivered'))).toMatchObject({
      status: 202,
      body: { status: 'unknown-tracking-number' },
    });
    expect(await stored(ret)).toEqual(ret);
  });

  it('answers 404 for a connection that does not exist, and 400 for a signed body that is no event', async () => {
    const acme = await connect();
    const body = JSON.stringify({ hello: 'world' });
    expect(
      (
        await post('conn_doesnotexist000000000000', body, {
          'X-Hmac-Signature': hmacSignature(acme.webhookSecret, body),
        })
      ).status,
    ).toBe(404);
    const bad = await post(acme.connectionId, body, {
      'X-Hmac-Signature': hmacSignature(acme.webhookSecret, body),
    });
    expect(bad).toMatchObject({ status: 400, contentType: 'application/problem+json' });
    expect(bad.body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['id', 'description']));
  });
});
