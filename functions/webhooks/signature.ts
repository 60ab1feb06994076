import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Carrier webhook signatures (docs/design.md §2, §8.4): `X-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`,
 * where each v1 is HMAC-SHA256 of `t + "." + rawBody` under one of the carrier's secrets. Several v1
 * values let a carrier sign with an old and a new secret while a secret is rotated; several configured
 * secrets let us accept either side of a rotation. Pure node:crypto, no I/O.
 */

/** How far the signed timestamp may be from our clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Headers longer than this are refused unread; a real one is well under 1 KB. */
const MAX_HEADER_LENGTH = 2048;
/** More v1 values than this are refused: a rotation needs two. */
const MAX_SIGNATURES = 8;

export interface SignatureHeader {
  timestamp: number;
  /** The v1 values, lower-case hex of 32 bytes each. */
  signatures: string[];
}

export type SignatureFailure = 'missing' | 'malformed' | 'expired' | 'mismatch';

export type SignatureCheck = { valid: true } | { valid: false; reason: SignatureFailure };

/** The v1 signature (hex) of a body at a timestamp under one secret. */
export const sign = (secret: string, timestamp: number, rawBody: string | Buffer): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');

/** A whole `X-Signature` value, one v1 per secret (two while rotating). */
export const signatureHeader = (
  secrets: string | readonly string[],
  timestamp: number,
  rawBody: string | Buffer,
): string =>
  [`t=${timestamp}`, ...[secrets].flat().map((secret) => `v1=${sign(secret, timestamp, rawBody)}`)].join(',');

/**
 * Parses the header; undefined when it is not `t=<digits>` plus at least one well-formed v1. Parts with
 * other names (a future `v2`) are skipped, so a carrier can add schemes without breaking us.
 */
export const parseSignatureHeader = (header: string): SignatureHeader | undefined => {
  if (header.length > MAX_HEADER_LENGTH) return undefined;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) return undefined;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      timestamp = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined || signatures.length === 0 || signatures.length > MAX_SIGNATURES) {
    return undefined;
  }
  return { timestamp, signatures };
};

/**
 * Checks a request's signature: well-formed, within the tolerance of `now`, and some v1 matching the
 * HMAC under some secret. Every comparison is constant-time on equal-length buffers, and all of them are
 * made, so the time taken says nothing about which secret or value came close.
 */
export const verifySignature = (input: {
  header: string | undefined;
  rawBody: string | Buffer;
  secrets: readonly string[];
  now: Date;
}): SignatureCheck => {
  if (input.header === undefined || input.header.trim() === '') return { valid: false, reason: 'missing' };
  const parsed = parseSignatureHeader(input.header);
  if (!parsed) return { valid: false, reason: 'malformed' };
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  if (Math.abs(nowSeconds - parsed.timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    return { valid: false, reason: 'expired' };
  }
  const expected = input.secrets.map((secret) =>
    Buffer.from(sign(secret, parsed.timestamp, input.rawBody), 'hex'),
  );
  let matched = false;
  for (const candidate of parsed.signatures) {
    const given = Buffer.from(candidate, 'hex');
    for (const mac of expected) {
      if (given.length === mac.length && timingSafeEqual(given, mac)) matched = true;
    }
  }
  return matched ? { valid: true } : { valid: false, reason: 'mismatch' };
};
