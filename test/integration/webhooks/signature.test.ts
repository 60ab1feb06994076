import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SIGNATURE_TOLERANCE_SECONDS,
  parseSignatureHeader,
  sign,
  signatureHeader,
  verifySignature,
} from '../../../functions/webhooks/signature.js';

const NOW = new Date('2026-11-05T10:00:00Z');
const T = NOW.getTime() / 1000;
const BODY =
  '{"eventId":"evt-1","trackingNumber":"GEN1","status":"DELIVERED","occurredAt":"2026-11-05T09:59:00Z"}';

const verify = (
  header: string | undefined,
  secrets: string[] = ['s3cret'],
  rawBody: string | Buffer = BODY,
) => verifySignature({ header, rawBody, secrets, now: NOW });

describe('sign', () => {
  it('is HMAC-SHA256 of t + "." + rawBody, in hex', () => {
    const expected = createHmac('sha256', 's3cret').update(`${T}.${BODY}`).digest('hex');
    expect(sign('s3cret', T, BODY)).toBe(expected);
    expect(sign('s3cret', T, Buffer.from(BODY))).toBe(expected);
  });
});

describe('verifySignature', () => {
  it('accepts a fresh signature under the secret', () => {
    expect(verify(signatureHeader('s3cret', T, BODY))).toEqual({ valid: true });
  });

  it('refuses a tampered body, a wrong secret and a changed timestamp', () => {
    const header = signatureHeader('s3cret', T, BODY);
    expect(verify(header, ['s3cret'], BODY.replace('DELIVERED', 'IN_TRANSIT'))).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    expect(verify(header, ['other'])).toEqual({ valid: false, reason: 'mismatch' });
    expect(verify(header.replace(`t=${T}`, `t=${T + 1}`))).toEqual({ valid: false, reason: 'mismatch' });
  });

  it(`accepts timestamps up to ${SIGNATURE_TOLERANCE_SECONDS} s away either way, and no further`, () => {
    for (const skew of [-SIGNATURE_TOLERANCE_SECONDS, SIGNATURE_TOLERANCE_SECONDS]) {
      expect(verify(signatureHeader('s3cret', T + skew, BODY))).toEqual({ valid: true });
    }
    for (const skew of [-SIGNATURE_TOLERANCE_SECONDS - 1, SIGNATURE_TOLERANCE_SECONDS + 1]) {
      expect(verify(signatureHeader('s3cret', T + skew, BODY))).toEqual({ valid: false, reason: 'expired' });
    }
  });

  it('accepts a header with an old and a new v1 when one of them matches (the carrier rotates)', () => {
    expect(verify(signatureHeader(['retired', 's3cret'], T, BODY))).toEqual({ valid: true });
    expect(verify(signatureHeader(['retired', 'also-wrong'], T, BODY))).toEqual({
      valid: false,
      reason: 'mismatch',
    });
  });

  it('accepts either configured secret (we rotate)', () => {
    const secrets = ['new-secret', 'previous-secret'];
    expect(verify(signatureHeader('previous-secret', T, BODY), secrets)).toEqual({ valid: true });
    expect(verify(signatureHeader('new-secret', T, BODY), secrets)).toEqual({ valid: true });
    expect(verify(signatureHeader('s3cret', T, BODY), secrets).valid).toBe(false);
  });

  it('accepts upper-case hex, spaces after commas, and skips schemes it does not know', () => {
    const mac = sign('s3cret', T, BODY);
    expect(verify(`t=${T}, v1=${mac.toUpperCase()}`)).toEqual({ valid: true });
    expect(verify(`t=${T},v0=abc,v1=${mac}`)).toEqual({ valid: true });
  });

  it('tells a missing header from a malformed one', () => {
    const mac = sign('s3cret', T, BODY);
    expect(verify(undefined)).toEqual({ valid: false, reason: 'missing' });
    expect(verify(' ')).toEqual({ valid: false, reason: 'missing' });
    for (const header of [
      `v1=${mac}`,
      `t=${T}`,
      `t=${T},t=${T},v1=${mac}`,
      `t=-${T},v1=${mac}`,
      `t=${T}.5,v1=${mac}`,
      `t=${T},v1=${mac.slice(2)}`,
      `t=${T},v1=${mac}zz`,
      `t=${T};v1=${mac}`,
      `t=${T},${Array.from({ length: 9 }, () => `v1=${mac}`).join(',')}`, // more v1 values than a rotation needs
      `t=${T},v1=${mac},x=${'y'.repeat(3000)}`, // longer than any real header
    ]) {
      expect(verify(header), header).toEqual({ valid: false, reason: 'malformed' });
    }
  });

  it('never throws, and never accepts, whatever header arrives', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string(), (header, body) => {
        const check = verify(header, ['s3cret'], body);
        expect(check.valid).toBe(false);
      }),
    );
  });

  it('accepts what sign made for any secret and body, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.string(),
        fc.integer({ min: -SIGNATURE_TOLERANCE_SECONDS, max: SIGNATURE_TOLERANCE_SECONDS }),
        (secret, body, other, skew) => {
          const header = signatureHeader(secret, T + skew, body);
          expect(verify(header, [secret], body)).toEqual({ valid: true });
          if (other !== body) expect(verify(header, [secret], other).valid).toBe(false);
        },
      ),
    );
  });
});

describe('parseSignatureHeader', () => {
  it('reads t and every v1', () => {
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    expect(parseSignatureHeader(`t=1700000000,v1=${a},v1=${b}`)).toEqual({
      timestamp: 1_700_000_000,
      signatures: [a, b.toLowerCase()],
    });
  });
});
