import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiGateway } from '../../../infra/local/api-gateway-server.js';
import { newSeller } from '../support/api.js';

/**
 * What Node's HTTP parser refuses before any route is matched: the local gateway answers it with the
 * problem+json the deployed gateway's default 4XX response gives, not a bare 400.
 */
const saved = process.env.CARRIER_SECRETS_FILE;
let server: Server;
let port: number;
let apiKey: string;

beforeAll(async () => {
  // The gateway loads every route's module; the webhook's wants its secrets' file (read on a webhook only).
  process.env.CARRIER_SECRETS_FILE ??= '/nonexistent/carriers.json';
  ({ apiKey } = await newSeller());
  server = await startApiGateway({ root: process.cwd(), port: 0 });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  if (saved === undefined) delete process.env.CARRIER_SECRETS_FILE;
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

/** Sends raw bytes and reads the whole answer until the server closes the connection. */
const raw = (bytes: Buffer): Promise<string> =>
  new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => done(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', fail);
  });

describe('the local gateway, on what is not HTTP', () => {
  it.each([
    ['an unknown method token', Buffer.from('FOO /v1/policy HTTP/1.1\r\nHost: local\r\n\r\n')],
    ['a lowercase method', Buffer.from('get /v1/policy HTTP/1.1\r\nHost: local\r\n\r\n')],
    ['a space in the path', Buffer.from('GET /v1/pol icy HTTP/1.1\r\nHost: local\r\n\r\n')],
    [
      'raw non-ASCII bytes in the path',
      Buffer.concat([
        Buffer.from('GET /v1/'),
        Buffer.from([0xe2, 0x82, 0xac]),
        Buffer.from(' HTTP/1.1\r\nHost: local\r\n\r\n'),
      ]),
    ],
  ])('answers %s with a 400 problem+json', async (_name, bytes) => {
    const answer = await raw(bytes);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toEqual({
      type: '/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: expect.stringContaining('not a valid HTTP request'),
    });
  });

  it('answers a body sent after Content-Length: 0 with one 400 problem+json (Node parses it as a next request)', async () => {
    const answer = await raw(
      Buffer.from('POST /v1/returns HTTP/1.1\r\nHost: local\r\nContent-Length: 0\r\n\r\n{"orderId": "1"}'),
    );
    // Node refuses the connection as soon as it parses the bytes after the empty body, before the first
    // request is answered: the one answer is the refusal (README, "The local gateway").
    const heads = answer.split('\r\n').filter((line) => line.startsWith('HTTP/1.1 '));
    expect(heads).toEqual([expect.stringMatching(/^HTTP\/1\.1 400 /)]);
    expect(answer.toLowerCase()).toContain('content-type: application/problem+json');
  });

  it.each(['__proto__', 'valueOf', 'hasOwnProperty', 'constructor'])(
    'answers a query parameter named %s like any unknown one: 400 problem+json, not 502',
    async (name) => {
      const answer = await fetch(`http://127.0.0.1:${port}/v1/returns?${name}=1&${name}=2`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(((await answer.json()) as { errors: unknown[] }).errors).toContainEqual({
        field: `query/${name}`,
        rule: expect.any(String),
      });
    },
  );
});
