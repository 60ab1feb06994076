import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiGateway } from '../../../infra/local/api-gateway-server.js';
import { isolateInvocations } from '../../../infra/local/lambda-invocations.js';
import { newSeller } from '../support/api.js';

/**
 * The local gateway runs every function in one process, many invocations at once. Each must log under
 * its own function, as on Lambda, not under whichever handler set the shared logger's context last.
 */
const saved = { ...process.env };
let server: Server;
let api: string;
let apiKey: string;
const lines: Record<string, unknown>[] = [];
const write = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  // Refusals are logged at INFO; the handler modules read the level when the gateway imports them.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  // The gateway loads every route's module; the webhook's wants its secrets' file (read on a webhook only).
  process.env.CARRIER_SECRETS_FILE ??= '/nonexistent/carriers.json';
  ({ apiKey } = await newSeller());
  server = await isolateInvocations(() => startApiGateway({ root: process.cwd(), port: 0 }));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    for (const line of String(chunk).split('\n')) {
      if (line.startsWith('{"level"')) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
});

afterAll(async () => {
  process.stdout.write = write;
  for (const name of ['POWERTOOLS_LOG_LEVEL', 'AWS_LAMBDA_MAX_CONCURRENCY', 'CARRIER_SECRETS_FILE']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

describe('the local gateway, logging', () => {
  it('logs each of many concurrent invocations under its own function', async () => {
    const post = (path: string, body: string) =>
      fetch(`${api}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body,
      });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => [
        post('/v1/returns', '{"orderId": 1}'), // 400, refused by CreateReturn
        post(`/v1/returns/01KB00000000000000000000${String(i).padStart(2, '0')}/cancel`, ''), // 404 by CancelReturn
      ]).flat(),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(10).fill(400), ...Array(10).fill(404)]);

    const refusals = lines.filter((line) => line.message === 'request refused');
    expect(refusals).toHaveLength(20);
    for (const refusal of refusals) {
      expect(refusal.function_name).toBe(refusal.status === 400 ? 'CreateReturn' : 'CancelReturn');
    }
  });
});
