import { randomBytes } from 'node:crypto';
import type { SecretSealer } from '../../../domain/ports.js';

const contextKey = (context: Record<string, string>): string =>
  JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Seals as KMS does, as far as a use case can tell: the sealed value is an opaque token that holds no
 * trace of the plaintext, and opens only under the context it was sealed with.
 */
export class InMemorySecretSealer implements SecretSealer {
  private readonly sealed = new Map<string, { plaintext: string; context: string }>();

  async seal(plaintext: string, context: Record<string, string>): Promise<string> {
    const token = randomBytes(24).toString('base64');
    this.sealed.set(token, { plaintext, context: contextKey(context) });
    return token;
  }

  async open(sealed: string, context: Record<string, string>): Promise<string> {
    const found = this.sealed.get(sealed);
    if (!found || found.context !== contextKey(context)) {
      throw new Error('a sealed secret does not open under its context');
    }
    return found.plaintext;
  }
}
