import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { UnsafeWebhookTargetError } from '../../domain/errors.js';
import type { WebhookResponse, WebhookTransport } from '../../domain/ports.js';

/** Resolves a host name to every address it has (injectable, so tests resolve names as they please). */
export type Resolve = (hostname: string) => Promise<string[]>;

const systemResolve: Resolve = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export interface TransportOptions {
  resolve?: Resolve;
  /**
   * Local runs only (npm start sets WEBHOOKS_ALLOW_LOCAL_HTTP): plain http to a loopback address, where
   * the local receiver listens. Never set in a stack.
   */
  allowLocalHttp?: boolean;
}

/** An IPv4-mapped IPv6 address as the IPv4 one it is, so `::ffff:127.0.0.1` reads as loopback. */
const plainOf = (address: string): ipaddr.IPv4 | ipaddr.IPv6 => {
  const ip = ipaddr.parse(address);
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()
    ? (ip as ipaddr.IPv6).toIPv4Address()
    : ip;
};

/**
 * The one way out to a seller's URL. `check` (at registration) and `post` (every delivery) both resolve
 * the host and refuse it unless every address is public (or, locally, loopback over http); `post` then
 * connects to the address it checked (no second lookup a DNS rebinding could answer differently), sends
 * TLS's server name as the host, and never follows a redirect (a 3xx is a failed attempt).
 */
export class GuardedWebhookTransport implements WebhookTransport {
  private readonly resolve: Resolve;
  private readonly allowLocalHttp: boolean;

  constructor(options: TransportOptions = {}) {
    this.resolve = options.resolve ?? systemResolve;
    this.allowLocalHttp = options.allowLocalHttp ?? false;
  }

  async check(url: string): Promise<void> {
    await this.target(url);
  }

  async post(
    url: string,
    headers: Record<string, string>,
    body: string,
    timeoutMs: number,
  ): Promise<WebhookResponse> {
    const { parsed, address } = await this.target(url);
    const pinned: LookupFunction = (_host, options, done) => {
      const family = address.includes(':') ? 6 : 4;
      if ((options as { all?: boolean }).all) done(null, [{ address, family }]);
      else done(null, address, family);
    };
    // Plain http is for npm start's local receiver only; loaded then, node:http costs no cold start.
    const send = parsed.protocol === 'https:' ? httpsRequest : (await import('node:http')).request;
    return new Promise((resolve, reject) => {
      const req = send(
        parsed,
        {
          method: 'POST',
          lookup: pinned,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
          timeout: timeoutMs,
          ...(parsed.protocol === 'https:' ? { servername: parsed.hostname } : {}),
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** The URL and the one address to connect to, or UnsafeWebhookTargetError. */
  private async target(url: string): Promise<{ parsed: URL; address: string }> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UnsafeWebhookTargetError('must be an absolute URL');
    }
    if (parsed.username || parsed.password) throw new UnsafeWebhookTargetError('must not carry credentials');
    const local = this.allowLocalHttp && parsed.protocol === 'http:';
    if (parsed.protocol !== 'https:' && !local) throw new UnsafeWebhookTargetError('must be https');
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    const addresses = ipaddr.isValid(host) ? [host] : await this.resolve(host).catch(() => []);
    if (addresses.length === 0) throw new UnsafeWebhookTargetError(`${host} does not resolve`);
    for (const address of addresses) {
      const ip = plainOf(address);
      // Only public unicast addresses: never loopback, private, link-local (the metadata service) and the like.
      const allowed = local ? ip.range() === 'loopback' : ip.range() === 'unicast';
      if (!allowed) {
        throw new UnsafeWebhookTargetError(
          local
            ? `${host} resolves to ${address}: locally, http goes to loopback addresses only`
            : `${host} resolves to ${address}, a ${ip.range()} address, which no webhook may reach`,
        );
      }
    }
    return { parsed, address: addresses[0]! };
  }
}
