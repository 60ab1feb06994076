import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../infra/api-routes.js';
import { lambdaContext, toProxyEvent } from '../../../infra/local/proxy-event.js';
import { routeMatcher } from '../../../infra/local/route-matcher.js';
import { buildCarrierPayload } from '../../../infra/local/carrier-simulator.js';
import { DynamoReturnRepository } from '../../../functions/adapters/dynamodb/return-repository.js';
import { signatureHeader } from '../../../functions/webhooks/signature.js';
import { MAX_BODY_BYTES } from '../../../functions/api/http/request-parser.js';
import type { Carrier } from '../../../domain/carriers/carriers.js';
import type { Return, Status } from '../../../domain/return.js';
import { makeReturn } from '../../support/return-factory.js';
import { tableOptions, uniqueId, uniqueSellerId } from '../support/table.js';

/**
 * POST /v1/webhooks/carriers/{carrier} through the real handler, matched from the route table the way
 * the local API Gateway does, against the shared dynalite. Signing secrets come from a carriers file
 * (CARRIER_SECRETS_FILE, as `npm start` wires it), and Step Functions is a recorder of SendTaskSuccess
 * calls on a local port (AWS_ENDPOINT_URL_SFN), so the resume is checked as the SDK sends it.
 */
const SECRETS = {
  generic: 'generic-secret',
  ups: 'ups-secret',
  usps: 'usps-secret',
  // Rotating: the new secret first, the previous one still accepted.
  fedex: ['fedex-new-secret', 'fedex-previous-secret'],
};

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

interface Answer {
  status: number;
  contentType: string;
  body: Record<string, unknown> & { errors?: { field: string; rule: string }[] };
}

const match = routeMatcher(API_ROUTES);
const repo = new DynamoReturnRepository(tableOptions());
const now = () => Math.floor(Date.now() / 1000);

/** Posts a raw body, signed with `signWith` (a secret, several, or nothing) at `t` unless headers say else. */
const post = async (
  carrier: string,
  rawBody: string,
  options: { signWith?: string | string[]; t?: number; headers?: Record<string, string> } = {},
): Promise<Answer> => {
  const path = `/v1/webhooks/carriers/${carrier}`;
  const matched = match('POST', path);
  if (!matched || matched === 'method-not-allowed') throw new Error(`no route for POST ${path}`);
  const { handler } = (await import(/* @vite-ignore */ `../../../${matched.route.entry}`)) as {
    handler: Handler;
  };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  if (options.signWith !== undefined) {
    headers['X-Signature'] = signatureHeader(options.signWith, options.t ?? now(), rawBody);
  }
  const event = toProxyEvent(
    { method: 'POST', path, query: new URLSearchParams(), headers, body: rawBody },
    { path: matched.route.path, pathParameters: matched.pathParameters },
    null,
  );
  const result = await handler(event, lambdaContext(matched.route.name));
  return {
    status: result.statusCode,
    contentType: String(result.headers?.['content-type'] ?? ''),
    body: JSON.parse(result.body) as Answer['body'],
  };
};

const secretOf = (carrier: Carrier): string => [SECRETS[carrier]].flat()[0]!;

/** A carrier event in that carrier's shape, posted signed with its (first) secret. */
const send = (carrier: Carrier, body: unknown, signWith: string | string[] = secretOf(carrier)) =>
  post(carrier, JSON.stringify(body), { signWith });

const genericEvent = (trackingNumber: string, status: string, eventId = uniqueId('evt')) => ({
  eventId,
  trackingNumber,
  status,
  occurredAt: new Date().toISOString(),
});

/** A stored return in `status` with a label, so a tracking number, and the pipeline's task token. */
const storedReturn = async (status: Status, extra: Partial<Return> = {}): Promise<Return> => {
  const ret = makeReturn({
    sellerId: uniqueSellerId(),
    status,
    pipeline: { taskToken: uniqueId('task-token') },
    ...extra,
  });
  await repo.create(ret);
  return ret;
};

/** A return waiting for the carrier whose label `carrier` issued. */
const labelledBy = async (carrier: Carrier): Promise<Return> => {
  const ret = makeReturn({ sellerId: uniqueSellerId(), status: 'LABEL_ISSUED' });
  return storedReturn('LABEL_ISSUED', { id: ret.id, label: { ...ret.label!, carrier } });
};

const stored = async (ret: Return): Promise<Return> => (await repo.get(ret.sellerId, ret.id))!;

const expectUnchanged = async (before: Return) => expect(await stored(before)).toEqual(before);

const expectProblem = (answer: Answer, status: number, type: string) => {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ status, type });
};

// --- the Step Functions recorder --------------------------------------------------------------------------

interface SfnCall {
  target: string;
  input: { taskToken?: string; output?: string };
}
const sfnCalls: SfnCall[] = [];
let sfn: Server;
let secretsDir: string;
const savedEnv = { ...process.env };

const resumesOf = (taskToken: string | undefined) =>
  sfnCalls
    .filter((c) => c.target === 'AWSStepFunctions.SendTaskSuccess' && c.input.taskToken === taskToken)
    .map((c) => JSON.parse(c.input.output ?? 'null') as unknown);

beforeAll(async () => {
  secretsDir = await mkdtemp(join(tmpdir(), 'carrier-secrets-'));
  const secretsFile = join(secretsDir, 'carriers.json');
  await writeFile(secretsFile, JSON.stringify(SECRETS));
  sfn = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      sfnCalls.push({
        target: String(req.headers['x-amz-target']),
        input: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as SfnCall['input'],
      });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end('{}');
    });
  });
  await new Promise<void>((done) => sfn.listen(0, '127.0.0.1', done));
  Object.assign(process.env, {
    CARRIER_SECRETS_FILE: secretsFile,
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:returns-integration',
    AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${(sfn.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  for (const name of ['CARRIER_SECRETS_FILE', 'STATE_MACHINE_ARN', 'AWS_ENDPOINT_URL_SFN']) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  await new Promise<void>((done) => sfn.close(() => done()));
  await rm(secretsDir, { recursive: true, force: true });
});

// --- accepted events --------------------------------------------------------------------------------------

describe('carrier webhook: events that move a return', () => {
  it('moves LABEL_ISSUED to IN_TRANSIT, then to DELIVERED, and resumes the pipeline once', async () => {
    const ret = await storedReturn('LABEL_ISSUED');
    const tracking = ret.trackingNumber!;

    const inTransit = await send('generic', genericEvent(tracking, 'IN_TRANSIT', 'evt-transit'));
    expect(inTransit).toMatchObject({ status: 200, body: { status: 'accepted', returnId: ret.id } });
    expect((await stored(ret)).status).toBe('IN_TRANSIT');

    const delivery = genericEvent(tracking, 'DELIVERED', 'evt-delivered');
    const delivered = await send('generic', delivery);
    expect(delivered).toMatchObject({ status: 200, body: { status: 'accepted', returnId: ret.id } });

    const after = await stored(ret);
    expect(after).toMatchObject({
      status: 'DELIVERED',
      lastTrackingStatus: 'DELIVERED',
      version: ret.version + 2,
    });
    expect(after.timeline.slice(-2)).toEqual([
      expect.objectContaining({
        type: 'TRACKING_EVENT',
        from: 'LABEL_ISSUED',
        to: 'IN_TRANSIT',
        actor: { kind: 'carrier', id: 'generic' },
        data: expect.objectContaining({ eventId: 'evt-transit', status: 'IN_TRANSIT', ignored: false }),
      }),
      expect.objectContaining({
        type: 'TRACKING_EVENT',
        from: 'IN_TRANSIT',
        to: 'DELIVERED',
        actor: { kind: 'carrier', id: 'generic' },
        data: expect.objectContaining({ eventId: 'evt-delivered', status: 'DELIVERED' }),
      }),
    ]);
    expect(resumesOf(ret.pipeline?.taskToken)).toEqual([
      { deliveredAt: new Date(delivery.occurredAt).toISOString(), trackingNumber: tracking },
    ]);
  });

  it('takes each carrier in its own shape: UPS, FedEx and USPS payloads from the simulator', async () => {
    for (const carrier of ['ups', 'fedex', 'usps'] as const) {
      const ret = await labelledBy(carrier);
      const tracking = ret.trackingNumber!;
      const inTransit = await send(carrier, buildCarrierPayload(carrier, 'in-transit', tracking));
      expect(inTransit).toMatchObject({ status: 200, body: { status: 'accepted' } });
      const delivered = await send(carrier, buildCarrierPayload(carrier, 'delivered', tracking));
      expect(delivered).toMatchObject({ status: 200, body: { status: 'accepted' } });
      const after = await stored(ret);
      expect(after.status).toBe('DELIVERED');
      expect(after.timeline.slice(-2).map((e) => e.actor)).toEqual([
        { kind: 'carrier', id: carrier },
        { kind: 'carrier', id: carrier },
      ]);
      expect(resumesOf(ret.pipeline?.taskToken)).toHaveLength(1);
    }
  });

  it('knows no tracking number from a carrier that did not issue the label: 202, nothing written', async () => {
    const ret = await labelledBy('ups');
    for (const carrier of ['fedex', 'usps', 'generic'] as const) {
      const event =
        carrier === 'generic'
          ? genericEvent(ret.trackingNumber!, 'DELIVERED')
          : buildCarrierPayload(carrier, 'delivered', ret.trackingNumber!);
      const answer = await send(carrier, event);
      expect(answer).toEqual({
        status: 202,
        contentType: 'application/json',
        body: { status: 'unknown-tracking-number' },
      });
    }
    await expectUnchanged(ret);
    expect(resumesOf(ret.pipeline?.taskToken)).toEqual([]);
  });

  it('records an exception without moving the return', async () => {
    const ret = await storedReturn('IN_TRANSIT');
    const answer = await send('generic', genericEvent(ret.trackingNumber!, 'EXCEPTION'));
    expect(answer).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const after = await stored(ret);
    expect(after.status).toBe('IN_TRANSIT');
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'TRACKING_EVENT',
      note: expect.stringContaining('exception'),
    });
  });
});

// --- resends and disorder ---------------------------------------------------------------------------------

describe('carrier webhook: resent and out-of-order events', () => {
  it('answers a resent event as a duplicate and changes nothing stored', async () => {
    const ret = await storedReturn('LABEL_ISSUED');
    const body = JSON.stringify(genericEvent(ret.trackingNumber!, 'IN_TRANSIT'));
    expect((await post('generic', body, { signWith: SECRETS.generic })).body.status).toBe('accepted');
    const before = await stored(ret);

    const again = await post('generic', body, { signWith: SECRETS.generic, t: now() + 5 });
    expect(again).toMatchObject({ status: 200, body: { status: 'duplicate', returnId: ret.id } });
    await expectUnchanged(before);
  });

  it('resumes the pipeline again on a resent delivery, in case the first resume was lost', async () => {
    const ret = await storedReturn('IN_TRANSIT');
    const delivery = genericEvent(ret.trackingNumber!, 'DELIVERED');
    expect((await send('generic', delivery)).body.status).toBe('accepted');
    const before = await stored(ret);

    expect((await send('generic', delivery)).body.status).toBe('duplicate');
    await expectUnchanged(before);
    const deliveredAt = new Date(delivery.occurredAt).toISOString();
    expect(resumesOf(ret.pipeline?.taskToken)).toEqual([
      { deliveredAt, trackingNumber: ret.trackingNumber },
      { deliveredAt, trackingNumber: ret.trackingNumber },
    ]);
  });

  it('records an IN_TRANSIT that arrives after DELIVERED, and the return stays DELIVERED', async () => {
    const ret = await storedReturn('IN_TRANSIT');
    expect((await send('generic', genericEvent(ret.trackingNumber!, 'DELIVERED'))).body.status).toBe(
      'accepted',
    );
    const late = await send('generic', genericEvent(ret.trackingNumber!, 'IN_TRANSIT', 'evt-late'));
    expect(late).toMatchObject({ status: 200, body: { status: 'accepted', returnId: ret.id } });
    const after = await stored(ret);
    expect(after.status).toBe('DELIVERED');
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'TRACKING_EVENT',
      from: 'DELIVERED',
      to: 'DELIVERED',
      note: 'out of order, ignored',
      data: { eventId: 'evt-late', ignored: true },
    });
    expect(resumesOf(ret.pipeline?.taskToken)).toHaveLength(1);
  });

  it('records one event once when two deliveries of it race', async () => {
    const ret = await storedReturn('LABEL_ISSUED');
    const body = genericEvent(ret.trackingNumber!, 'IN_TRANSIT');
    const answers = await Promise.all([send('generic', body), send('generic', body), send('generic', body)]);
    expect(answers.map((a) => a.body.status).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    const after = await stored(ret);
    expect(after.timeline.filter((e) => e.data?.eventId === body.eventId)).toHaveLength(1);
    expect(after.version).toBe(ret.version + 1);
  });

  it('answers 200 ignored for a return that takes no carrier events, writing nothing', async () => {
    const label = makeReturn({ sellerId: 'any', status: 'LABEL_ISSUED' }).label!;
    const trackingNumber = uniqueId('CANC');
    const ret = await storedReturn('CANCELLED', { trackingNumber, label: { ...label, trackingNumber } });
    const answer = await send('generic', genericEvent(ret.trackingNumber!, 'DELIVERED'));
    expect(answer).toMatchObject({ status: 200, body: { status: 'ignored', returnId: ret.id } });
    await expectUnchanged(ret);
  });

  it('answers 202 for a tracking number no return has', async () => {
    const answer = await send('generic', genericEvent(uniqueId('NOSUCH'), 'DELIVERED'));
    expect(answer).toEqual({
      status: 202,
      contentType: 'application/json',
      body: { status: 'unknown-tracking-number' },
    });
  });
});

// --- signatures -------------------------------------------------------------------------------------------

describe('carrier webhook: signatures', () => {
  it('refuses a body changed after signing, writing nothing', async () => {
    const ret = await storedReturn('LABEL_ISSUED');
    const signed = JSON.stringify(genericEvent(ret.trackingNumber!, 'IN_TRANSIT', 'evt-x'));
    const header = signatureHeader(SECRETS.generic, now(), signed);
    const tampered = signed.replace('IN_TRANSIT', 'DELIVERED');
    const answer = await post('generic', tampered, { headers: { 'X-Signature': header } });
    expectProblem(answer, 401, '/problems/invalid-signature');
    expect(answer.body.errors).toEqual([{ field: 'x-signature', rule: expect.any(String) }]);
    await expectUnchanged(ret);
  });

  it.each([
    ['expired (301 s old)', -301],
    ['from the future (301 s ahead)', 301],
  ])('refuses a timestamp %s', async (_name, skew) => {
    const ret = await storedReturn('LABEL_ISSUED');
    const body = JSON.stringify(genericEvent(ret.trackingNumber!, 'IN_TRANSIT'));
    const answer = await post('generic', body, { signWith: SECRETS.generic, t: now() + skew });
    expectProblem(answer, 401, '/problems/invalid-signature');
    expect(answer.body.detail).toContain('expired');
    await expectUnchanged(ret);
  });

  it('refuses a request without X-Signature, and one signed with another carrier’s secret', async () => {
    const ret = await storedReturn('LABEL_ISSUED');
    const body = JSON.stringify(genericEvent(ret.trackingNumber!, 'IN_TRANSIT'));
    expectProblem(await post('generic', body), 401, '/problems/invalid-signature');
    expectProblem(await post('generic', body, { signWith: SECRETS.ups }), 401, '/problems/invalid-signature');
    await expectUnchanged(ret);
  });

  it('accepts a header with an old invalid v1 and a new valid one (the carrier rotates)', async () => {
    const ret = await storedReturn('LABEL_ISSUED');
    const answer = await send('generic', genericEvent(ret.trackingNumber!, 'IN_TRANSIT'), [
      'retired-secret',
      SECRETS.generic,
    ]);
    expect(answer).toMatchObject({ status: 200, body: { status: 'accepted' } });
  });

  it('accepts the previous secret of a carrier configured with two (we rotate)', async () => {
    const ret = await labelledBy('fedex');
    const tracking = ret.trackingNumber!;
    const previous = await send(
      'fedex',
      buildCarrierPayload('fedex', 'in-transit', tracking),
      'fedex-previous-secret',
    );
    expect(previous).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const current = await send(
      'fedex',
      buildCarrierPayload('fedex', 'delivered', tracking),
      'fedex-new-secret',
    );
    expect(current).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect((await stored(ret)).status).toBe('DELIVERED');
  });
});

// --- bad requests -----------------------------------------------------------------------------------------

describe('carrier webhook: bad requests', () => {
  it('answers 404 for a carrier it does not know', async () => {
    const answer = await post('dhl', '{}', { signWith: 'anything' });
    expectProblem(answer, 404, '/problems/not-found');
    expect(answer.body.errors).toEqual([
      { field: 'path/carrier', rule: expect.stringContaining('ups, fedex') },
    ]);
  });

  it('answers 400 for a signed body that is not JSON', async () => {
    const answer = await post('generic', '{"eventId":', { signWith: SECRETS.generic });
    expectProblem(answer, 400, '/problems/validation-error');
    expect(answer.body.errors).toEqual([{ field: '(body)', rule: 'must be valid JSON' }]);
  });

  it('answers 400 naming the fields of a body in the wrong shape', async () => {
    const generic = await send('generic', {
      ...genericEvent('GEN1', 'LOST'),
      occurredAt: 'yesterday',
      carrier: 'generic',
    });
    expectProblem(generic, 400, '/problems/validation-error');
    expect(generic.body.errors!.map((e) => e.field).sort()).toEqual(['carrier', 'occurredAt', 'status']);

    const { activityStatus: _missing, ...ups } = buildCarrierPayload('ups', 'delivered', '1ZABC') as Record<
      string,
      unknown
    >;
    const upsAnswer = await send('ups', ups);
    expectProblem(upsAnswer, 400, '/problems/validation-error');
    expect(upsAnswer.body.errors).toEqual([{ field: 'activityStatus', rule: 'is required' }]);
  });

  it('answers 413 for a body over 256 KB, before looking at the signature', async () => {
    const body = JSON.stringify({ ...genericEvent('GEN1', 'IN_TRANSIT'), pad: 'x'.repeat(MAX_BODY_BYTES) });
    const answer = await post('generic', body);
    expectProblem(answer, 413, '/problems/body-too-large');
  });
});
