import { describe, expect, it } from 'vitest';
import { BadLinkError, mintLink, readLink } from '../../functions/use-cases/link-tokens.js';
import type { LinkClaims } from '../../domain/link-token.js';
import { InMemoryLinkSigner } from '../support/in-memory/link-signer.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const claims: LinkClaims = {
  v: 1,
  purpose: 'OFFER_ACCEPT',
  sellerId: 'seller-1',
  returnId: '01KB0000000000000000000000',
  target: '01KB0000000000000000000000-offer-1',
  amount: { amount: 1500, currency: 'USD' },
  expiresAt: NOW.getTime() / 1000 + 3600,
  nonce: 'n-1',
};

const reason = async (read: Promise<unknown>) => {
  try {
    await read;
  } catch (error) {
    return error instanceof BadLinkError ? error.reason : error;
  }
  return 'read';
};

describe('a buyer link token', () => {
  const signer = new InMemoryLinkSigner();

  it('reads back the claims it was minted with, until it expires', async () => {
    const token = await mintLink(signer, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await readLink(signer, token, NOW)).toEqual(claims);
    expect(await reason(readLink(signer, token, new Date((claims.expiresAt + 0) * 1000)))).toBe('expired');
  });

  it('refuses a token under another key, or with any character of its claims or MAC changed', async () => {
    const token = await mintLink(signer, claims);
    expect(await reason(readLink(new InMemoryLinkSigner(), token, NOW))).toBe('forged');
    for (let at = 0; at < token.length; at += 7) {
      if (token[at] === '.') continue;
      const changed = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
      expect(['forged', 'malformed']).toContain(await reason(readLink(signer, changed, NOW)));
    }
  });

  it('refuses what is not a token before asking the signer: no string, too long, no MAC, a short MAC', async () => {
    const token = await mintLink(signer, claims);
    const [text] = token.split('.');
    for (const bad of [undefined, 42, '', 'x'.repeat(1025), `${text}.`, `${text}.AAAA`, `${text}`]) {
      expect(await reason(readLink(signer, bad, NOW))).toBe('malformed');
    }
  });

  it('refuses signed claims that break their schema (unknown fields included)', async () => {
    const text = Buffer.from(JSON.stringify({ ...claims, admin: true })).toString('base64url');
    const mac = Buffer.from(await signer.mac(new TextEncoder().encode(`returns-buyer-link-v1.${text}`)));
    expect(await reason(readLink(signer, `${text}.${mac.toString('base64url')}`, NOW))).toBe('malformed');
  });
});
