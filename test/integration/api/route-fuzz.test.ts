import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARRIERS, type Carrier } from '../../../domain/carriers/carriers.js';
import { STATUSES, type Return } from '../../../domain/return.js';
import { API_ROUTES, type ApiRoute } from '../../../functions/api/api-routes.js';
import { OPERATIONS } from '../../../functions/api/openapi/operations.js';
import { signatureHeader } from '../../../functions/webhooks/signature.js';
import {
  buildCarrierPayload,
  SIMULATED_EVENTS,
  type SimulatedEvent,
} from '../../../infra/local/carrier-simulator.js';
import { lambdaContext, toProxyEvent } from '../../../infra/local/proxy-event.js';
import { routeMatcher } from '../../../infra/local/route-matcher.js';
import { newSeller } from '../support/api.js';
import { reread, storedReturn } from '../support/pipeline.js';
import { uniqueId } from '../support/table.js';

/**
 * fast-check over every route of the route table and every carrier's webhook, through the real handlers
 * matched as the local gateway matches them: valid, mutated, hostile and concurrent requests. Every answer
 * must be a well-formed 2xx, or a 4xx problem+json, and a 2xx must be what was written (the return or
 * policy read back). The routes come from API_ROUTES and their bodies from the OpenAPI examples, so a new
 * route is fuzzed without a change here. FUZZ_SEED and FUZZ_RUNS (a multiplier) vary the run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const settings = (numRuns: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(numRuns * RUNS)) });

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
interface Answer {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}
interface Request {
  method: string;
  path: string;
  query?: [string, string][];
  headers?: Record<string, string>;
  raw?: string;
  sellerId?: string;
}

const SECRETS: Record<Carrier, string> = {
  generic: 'g-secret',
  ups: 'u-secret',
  fedex: 'f-secret',
  usps: 's-secret',
};
const match = routeMatcher(API_ROUTES);

/** A request as the local gateway hands it over: matched against the route table, the seller authorized. */
const call = async (request: Request): Promise<Answer | undefined> => {
  const matched = match(request.method, request.path);
  if (!matched || matched === 'method-not-allowed') return undefined;
  const { handler } = (await import(/* @vite-ignore */ `../../../${matched.route.entry}`)) as {
    handler: Handler;
  };
  const event = toProxyEvent(
    {
      method: request.method,
      path: request.path,
      query: new URLSearchParams(request.query ?? []),
      headers: request.headers ?? {},
      body: request.raw ?? '',
    },
    { path: matched.route.path, pathParameters: matched.pathParameters },
    matched.route.auth === 'seller' && request.sellerId ? { sellerId: request.sellerId } : null,
  );
  const result = await handler(event, lambdaContext(matched.route.name));
  return {
    status: result.statusCode,
    contentType: String(result.headers?.['content-type'] ?? ''),
    body: (result.statusCode === 204 ? {} : JSON.parse(result.body)) as Record<string, unknown>,
  };
};

/** A 2xx with JSON, or a 4xx problem+json naming its type, status and detail; never a 5xx or internals. */
const expectWellFormed = (answer: Answer | undefined): Answer => {
  expect(answer).toBeDefined();
  const { status, contentType, body } = answer!;
  expect(status).toBeGreaterThanOrEqual(200);
  expect(status).toBeLessThan(500);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.[jt]s:\d+|Exception|RangeError|TypeError/);
  if (status < 300) {
    // A 204 (a DELETE) has no body, so no content type.
    expect(contentType).toBe(status === 204 ? '' : 'application/json');
    return answer!;
  }
  expect(status).toBeGreaterThanOrEqual(400);
  expect(contentType).toBe('application/problem+json');
  expect(body).toMatchObject({
    type: expect.stringMatching(/^\/problems\/[a-z-]+$/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  for (const issue of (body.errors as unknown[] | undefined) ?? []) {
    expect(issue).toEqual({ field: expect.any(String), rule: expect.any(String) });
  }
  return answer!;
};

const isReturnView = (value: unknown): value is { id: string; version: number } =>
  typeof value === 'object' && value !== null && 'rma' in value && 'version' in value && 'id' in value;

/** A 2xx is what was written: a return it answers with reads back the same, a policy it stored is listed. */
const expectWritten = async (answer: Answer, sellerId: string): Promise<void> => {
  if (answer.status >= 300) return;
  const views = [answer.body, answer.body.return].filter(isReturnView);
  for (const view of views) {
    const read = await call({ method: 'GET', path: `/v1/returns/${view.id}`, sellerId });
    expect(read?.body).toEqual(view);
  }
  if ('connectionId' in answer.body && 'provider' in answer.body) {
    const read = await call({
      method: 'GET',
      path: `/v1/integrations/${String(answer.body.provider)}`,
      sellerId,
    });
    expect(read?.body).toEqual(answer.body);
  }
  if ('marketplace' in answer.body && 'returnWindowDays' in answer.body) {
    const read = await call({ method: 'GET', path: '/v1/policy', sellerId });
    expect(read?.body.items).toContainEqual(answer.body);
  }
};

// --- arbitraries ------------------------------------------------------------------------------------------

const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
];
/** A key (never a string's content: JSON escapes the quotes inside one) named like a prototype member. */
const PROTOTYPE_KEY = new RegExp(`"(${PROTOTYPE_NAMES.join('|')})":`);
const SAFE = Number.MAX_SAFE_INTEGER;
const hostileMoney = fc.constantFrom(SAFE, SAFE - 1, SAFE + 1, 2 ** 53 + 2, 1e21, 1e308, -1, 0.5, 0);
const longUnicode = fc.string({ unit: 'binary', minLength: 200, maxLength: 3000 });
const hostileValue = fc.oneof(
  fc.anything(),
  longUnicode,
  hostileMoney,
  fc.constantFrom(null, true, [], {}, '', '\u0000', '\ud800', '𝕏'.repeat(600)),
);

/** Every `{ amount, currency }` in a body, with its amount set by `amount`. */
const withMoney = (body: unknown, amount: number): unknown =>
  JSON.parse(JSON.stringify(body), (key, value: unknown) =>
    typeof value === 'object' && value !== null && 'amount' in value && 'currency' in value
      ? { ...value, amount }
      : value,
  );

/** Raw JSON with a prototype-named key written into the n-th object (as text: an object literal cannot). */
const withPrototypeKey = (json: string, name: string, nth: number): string => {
  const starts = [...json.matchAll(/\{(?=")/g)].map((m) => m.index);
  if (starts.length === 0) return json;
  const at = starts[nth % starts.length]!;
  return `${json.slice(0, at + 1)}"${name}":${JSON.stringify({ polluted: true })},${json.slice(at + 1)}`;
};

/** Each string in a body replaced with long Unicode text, one field at a time (chosen by `nth`). */
const withLongText = (body: unknown, text: string, nth: number): unknown => {
  let seen = 0;
  return JSON.parse(JSON.stringify(body), (_key, value: unknown) =>
    typeof value === 'string' && seen++ === nth ? text : value,
  );
};

/** A route's body: its example, mutated or not, or anything at all, as raw text. */
const bodyFor = (route: ApiRoute): fc.Arbitrary<string> => {
  const example = (OPERATIONS[route.name as keyof typeof OPERATIONS].requestExample ?? {}) as Record<
    string,
    unknown
  >;
  const keys = Object.keys(example);
  const json = JSON.stringify(example);
  return fc.oneof(
    fc.constant(json),
    fc.constant(''),
    {
      weight: 2,
      arbitrary: hostileMoney.map((amount) => JSON.stringify(withMoney(example, amount))),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...PROTOTYPE_NAMES), fc.nat())
        .map(([name, nth]) => withPrototypeKey(json, name, nth)),
    },
    fc.tuple(longUnicode, fc.nat(20)).map(([text, nth]) => JSON.stringify(withLongText(example, text, nth))),
    keys.length === 0
      ? fc.jsonValue().map((v) => JSON.stringify(v))
      : fc
          .tuple(fc.constantFrom(...keys), hostileValue)
          .map(([key, value]) => JSON.stringify({ ...example, [key]: value })),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary', maxLength: 300 }),
  );
};

const queryArb = fc.array(
  fc.tuple(
    fc.oneof(fc.constantFrom('status', 'orderId', 'rma', 'cursor', 'limit', ...PROTOTYPE_NAMES), fc.string()),
    fc.oneof(fc.constantFrom('AUTHORIZED', '1', '100', '-1', 'RMA-ABCDE-FGHIJ'), fc.string(), longUnicode),
  ),
  { maxLength: 4 },
);

/** Mostly well-formed headers, so the body gets looked at; sometimes not. */
const headersArb = fc.record(
  {
    'content-type': fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=utf-8') },
    ),
    'idempotency-key': fc.oneof(
      { weight: 3, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    ),
  },
  { requiredKeys: ['content-type'] },
);

// --- the world the fuzz runs in ---------------------------------------------------------------------------

let sellerId: string;
let otherSellerId: string;
let ids: string[];
let secretsDir: string;
const savedSecretsFile = process.env.CARRIER_SECRETS_FILE;

/** A return of this seller in every status, one with each carrier's label, and another seller's. */
const seedReturns = async (): Promise<string[]> => {
  const mine = await Promise.all(STATUSES.map((status) => storedReturn({ sellerId, status })));
  const labelled = await Promise.all(CARRIERS.map((carrier) => labelledBy(carrier)));
  const theirs = await storedReturn({ sellerId: otherSellerId, status: 'LABEL_ISSUED' });
  return [...mine, ...labelled, theirs].map((r) => r.id);
};

const labelledBy = async (carrier: Carrier): Promise<Return> => {
  const ret = await storedReturn({
    sellerId,
    status: 'LABEL_ISSUED',
    pipeline: { taskToken: uniqueId('token') },
  });
  const next = { ...ret, label: { ...ret.label!, carrier }, version: ret.version + 1 };
  const { returns } = await import('../support/pipeline.js');
  await returns().update(next);
  return next;
};

beforeAll(async () => {
  ({ sellerId } = await newSeller());
  ({ sellerId: otherSellerId } = await newSeller());
  secretsDir = await mkdtemp(join(tmpdir(), 'fuzz-carriers-'));
  const secretsFile = join(secretsDir, 'carriers.json');
  await writeFile(secretsFile, JSON.stringify(SECRETS));
  process.env.CARRIER_SECRETS_FILE = secretsFile;
  ids = await seedReturns();
});

afterAll(async () => {
  if (savedSecretsFile === undefined) delete process.env.CARRIER_SECRETS_FILE;
  else process.env.CARRIER_SECRETS_FILE = savedSecretsFile;
  await rm(secretsDir, { recursive: true, force: true });
});

const pathOf = (route: ApiRoute, id: string, carrier: string): string =>
  route.path.replace('{id}', encodeURIComponent(id)).replace('{carrier}', carrier);

const idArb = () =>
  fc.oneof(
    fc.constantFrom(...ids),
    fc.constant('01KB0000000000000000000000'),
    fc.string({ minLength: 1, maxLength: 40 }),
  );

// --- the properties ---------------------------------------------------------------------------------------

describe('every route under random, hostile and concurrent input', () => {
  const routes = API_ROUTES.filter((route) => !route.path.includes('{carrier}'));
  it.each(routes.map((route) => [route.name, route] as const))(
    '%s: answers a well-formed 2xx or 4xx, and a 2xx is what was written',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(idArb(), bodyFor(route), queryArb, headersArb, async (id, raw, query, headers) => {
          const answer = expectWellFormed(
            await call({
              method: route.method,
              path: pathOf(route, id, ''),
              query: route.query ? query : [],
              headers,
              raw: route.method === 'GET' ? '' : raw,
              sellerId,
            }),
          );
          // A prototype-named key is refused, never dropped or stored.
          if (route.body && PROTOTYPE_KEY.test(raw)) expect(answer.status).toBeGreaterThanOrEqual(400);
          await expectWritten(answer, sellerId);
        }),
        settings(50),
      );
    },
  );

  it('answers one Idempotency-Key used by parallel requests with the first answer, or 409 in progress', async () => {
    const commands = API_ROUTES.filter((route) => route.method === 'POST' && route.auth === 'seller');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...commands),
        fc.constantFrom(...ids),
        fc.integer({ min: 2, max: 8 }),
        async (route, id, parallel) => {
          const example = OPERATIONS[route.name as keyof typeof OPERATIONS].requestExample;
          const request: Request = {
            method: 'POST',
            path: pathOf(route, id, ''),
            headers: { 'content-type': 'application/json', 'idempotency-key': uniqueId('parallel') },
            raw: example === undefined ? '' : JSON.stringify(example),
            sellerId,
          };
          const answers = (await Promise.all(Array.from({ length: parallel }, () => call(request)))).map(
            expectWellFormed,
          );
          const firsts = answers.filter(
            (a) => a.status < 300 || a.body.type !== '/problems/idempotency-in-progress',
          );
          const successes = firsts.filter((a) => a.status < 300);
          for (const success of successes) expect(success).toEqual(successes[0]);
          if (successes[0]) await expectWritten(successes[0], sellerId);
        },
      ),
      settings(15),
    );
  });

  it.each(CARRIERS.map((carrier) => [carrier] as const))(
    'the %s webhook answers long streams of signed, resent, foreign and forged events well, moving only its own returns forward',
    async (carrier) => {
      const events = Object.keys(SIMULATED_EVENTS).filter(
        (e) => carrier !== 'generic' || e !== 'label-created',
      ) as SimulatedEvent[];
      const eventArb = fc.record({
        event: fc.constantFrom(...events),
        secondsAgo: fc.integer({ min: 0, max: 200 }),
        forged: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        resend: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CARRIERS),
          fc.array(eventArb, { minLength: 20, maxLength: 60 }),
          async (labelCarrier, stream) => {
            const ret = await labelledBy(labelCarrier);
            const path = `/v1/webhooks/carriers/${carrier}`;
            let previous: string | undefined;
            for (const { event, secondsAgo, forged, resend } of stream) {
              const body =
                resend && previous !== undefined
                  ? previous
                  : JSON.stringify(
                      buildCarrierPayload(
                        carrier,
                        event,
                        ret.trackingNumber!,
                        new Date(Date.now() - secondsAgo * 1000),
                      ),
                    );
              previous = body;
              const signed = signatureHeader(
                forged ? 'not-the-secret' : SECRETS[carrier],
                Math.floor(Date.now() / 1000),
                body,
              );
              const answer = expectWellFormed(
                await call({
                  method: 'POST',
                  path,
                  raw: body,
                  headers: { 'content-type': 'application/json', 'x-signature': signed },
                }),
              );
              if (forged) expect(answer.status).toBe(401);
              else if (carrier !== labelCarrier) expect(answer).toMatchObject({ status: 202 });
              else expect(answer).toMatchObject({ status: 200, body: { returnId: ret.id } });
            }
            const after = await reread(ret);
            if (carrier !== labelCarrier) expect(after).toEqual(ret);
            const tracking = after.timeline.filter((e) => e.type === 'TRACKING_EVENT');
            expect(tracking.every((e) => e.actor.id === labelCarrier)).toBe(true);
            expect(new Set(tracking.map((e) => e.data?.eventId)).size).toBe(tracking.length);
          },
        ),
        settings(4),
      );
    },
  );

  it('answers hostile, unsigned and malformed webhook requests for any carrier name with a 4xx', async () => {
    const webhook = API_ROUTES.find((route) => route.auth === 'public' && route.path.includes('{carrier}'))!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...CARRIERS),
          fc.constantFrom(...PROTOTYPE_NAMES),
          fc.string({ minLength: 1, maxLength: 20 }),
        ),
        bodyFor(webhook),
        fc.option(fc.string({ maxLength: 200 })),
        async (carrier, raw, signature) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (signature !== null) headers['x-signature'] = signature;
          const answer = await call({
            method: 'POST',
            path: pathOf(webhook, '', encodeURIComponent(carrier)),
            raw,
            headers,
          });
          if (answer) expect(expectWellFormed(answer).status).toBeGreaterThanOrEqual(400);
        },
      ),
      settings(40),
    );
  });
});
