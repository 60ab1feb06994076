import { NamedError } from '../../domain/errors.js';
import { LinkClaimsSchema, type LinkClaims } from '../../domain/link-token.js';
import type { LinkSigner } from '../../domain/ports.js';

/**
 * A buyer link's token: `<claims>.<mac>`, both base64url; the claims are JSON (domain/link-token.ts)
 * and the MAC is HMAC-SHA256 under the region's key of the claims' text as it stands in the token,
 * behind a prefix that names the format, so the key's MACs mean nothing anywhere else.
 */
const DOMAIN = 'returns-buyer-link-v1.';
const MAC_BYTES = 32;
export const MAX_TOKEN_LENGTH = 1024;
const SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Why a token was refused before anything was read: not one of ours, forged or altered, or expired. */
export class BadLinkError extends NamedError {
  constructor(readonly reason: 'malformed' | 'forged' | 'expired') {
    super(`the link is ${reason}`);
  }
}

const signed = (claims: string): Uint8Array => new TextEncoder().encode(DOMAIN + claims);

export const mintLink = async (signer: LinkSigner, claims: LinkClaims): Promise<string> => {
  const text = Buffer.from(JSON.stringify(LinkClaimsSchema.parse(claims))).toString('base64url');
  const mac = await signer.mac(signed(text));
  return `${text}.${Buffer.from(mac).toString('base64url')}`;
};

/**
 * The claims of a token, trusted only once its MAC checks out (constant time, by the signer) and only
 * before it expires at `now`. Its shape and size are checked first, so nothing unbounded reaches KMS.
 */
export const readLink = async (signer: LinkSigner, token: unknown, now: Date): Promise<LinkClaims> => {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !SHAPE.test(token)) {
    throw new BadLinkError('malformed');
  }
  const [text, macText] = token.split('.') as [string, string];
  const mac = Buffer.from(macText, 'base64url');
  if (mac.length !== MAC_BYTES) throw new BadLinkError('malformed');
  if (!(await signer.verify(signed(text), mac))) throw new BadLinkError('forged');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new BadLinkError('malformed');
  }
  const claims = LinkClaimsSchema.safeParse(json);
  if (!claims.success) throw new BadLinkError('malformed');
  if (claims.data.expiresAt * 1000 <= now.getTime()) throw new BadLinkError('expired');
  return claims.data;
};
