import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ulid } from 'ulid';

/**
 * API keys look like `rk_<keyId>_<secret>`. The key id finds the record; only a SHA-256 of the secret is
 * stored, and it is compared in constant time. The secret has 256 bits of entropy, so a plain hash
 * (not a slow KDF) is enough: there is nothing to brute-force.
 */
const KEY_PATTERN = /^rk_([0-9a-z]{26})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  keyId: string;
  apiKey: string;
  secretHash: string;
}

export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

export const issueApiKey = (): IssuedKey => {
  const keyId = ulid().toLowerCase();
  const secret = randomBytes(32).toString('base64url');
  return { keyId, apiKey: `rk_${keyId}_${secret}`, secretHash: hashSecret(secret) };
};

export const parseApiKey = (apiKey: string): { keyId: string; secret: string } | undefined => {
  const match = KEY_PATTERN.exec(apiKey);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
};

export const secretMatches = (secret: string, storedHash: string): boolean => {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
};
