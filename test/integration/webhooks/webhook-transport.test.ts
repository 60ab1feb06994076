import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsafeWebhookTargetError } from '../../../domain/errors.js';
import { GuardedWebhookTransport } from '../../../functions/adapters/webhook-transport.js';

/** A DNS that knows a few names: what an attacker's zone could answer. */
const names: Record<string, string[]> = {
  'hooks.example.com': ['93.184.215.14'],
  'internal.example.com': ['10.0.0.5'],
  'mixed.example.com': ['93.184.215.14', '192.168.1.1'],
  'metadata.example.com': ['169.254.169.254'],
  'v6.example.com': ['fd00:ec2::254'],
};
const deployed = new GuardedWebhookTransport({ resolve: async (host) => names[host] ?? [] });

describe('the webhook transport, deployed (https to public addresses only)', () => {
  it.each([
    ['loopback over https', 'https://127.0.0.1/hooks', /loopback/],
    ['plain http', 'http://hooks.example.com/hooks', /https/],
    ['the metadata address', 'https://169.254.169.254/latest/meta-data', /linkLocal/],
    ['IPv6 loopback', 'https://[::1]/hooks', /loopback/],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hooks', /loopback/],
    [
      'a name that resolves to a private address',
      'https://internal.example.com/hooks',
      /10\.0\.0\.5.*private/,
    ],
    [
      'a name with one private address among public ones',
      'https://mixed.example.com/hooks',
      /192\.168\.1\.1/,
    ],
    ['a name that resolves to the metadata address', 'https://metadata.example.com/', /169\.254\.169\.254/],
    ['the IPv6 metadata address', 'https://v6.example.com/', /uniqueLocal/],
    ['a name that does not resolve', 'https://nowhere.example.com/', /does not resolve/],
    ['credentials in the URL', 'https://user:pw@hooks.example.com/', /credentials/],
  ])('refuses %s', async (_what, url, why) => {
    await expect(deployed.check(url)).rejects.toThrow(UnsafeWebhookTargetError);
    await expect(deployed.post(url, {}, '{}', 1000)).rejects.toThrow(why);
  });

  it('refuses localhost as the system resolver answers it', async () => {
    const system = new GuardedWebhookTransport();
    await expect(system.check('https://localhost:8443/hooks')).rejects.toThrow(/loopback/);
  });

  it('takes a public name', async () => {
    await expect(deployed.check('https://hooks.example.com/hooks')).resolves.toBeUndefined();
  });
});

describe('the webhook transport, locally (http to loopback allowed)', () => {
  let redirector: ReturnType<typeof createServer>;
  let port = 0;
  let followed = 0;
  beforeAll(async () => {
    redirector = createServer((req, res) => {
      if (req.url === '/followed') followed += 1;
      res.writeHead(302, {
        location: req.url === '/to-metadata' ? 'http://169.254.169.254/latest' : '/followed',
      });
      res.end();
    });
    await new Promise<void>((done) => redirector.listen(0, '127.0.0.1', done));
    port = (redirector.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => redirector.close(() => done())));
  const local = new GuardedWebhookTransport({
    allowLocalHttp: true,
    resolve: async (host) => names[host] ?? [],
  });

  it('never follows a redirect, to the metadata address or anywhere', async () => {
    expect(await local.post(`http://127.0.0.1:${port}/to-metadata`, {}, '{}', 1000)).toEqual({ status: 302 });
    expect(await local.post(`http://127.0.0.1:${port}/elsewhere`, {}, '{}', 1000)).toEqual({ status: 302 });
    expect(followed).toBe(0);
  });

  it('allows http to loopback only: not to a private or public address', async () => {
    await expect(local.check('http://10.0.0.5/hooks')).rejects.toThrow(/loopback addresses only/);
    await expect(local.check('http://hooks.example.com/hooks')).rejects.toThrow(/loopback addresses only/);
    await expect(local.check(`http://127.0.0.1:${port}/hooks`)).resolves.toBeUndefined();
  });
});
