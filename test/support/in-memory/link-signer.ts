import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { LinkSigner } from '../../../domain/ports.js';

/** HMAC-SHA256 under a key of its own, as KMS does under the region's key. */
export class InMemoryLinkSigner implements LinkSigner {
  constructor(private readonly key = randomBytes(32)) {}

  async mac(message: Uint8Array): Promise<Uint8Array> {
    return createHmac('sha256', this.key).update(message).digest();
  }

  async verify(message: Uint8Array, mac: Uint8Array): Promise<boolean> {
    const expected = await this.mac(message);
    return expected.length === mac.length && timingSafeEqual(expected, mac);
  }
}
