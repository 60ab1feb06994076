import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { NamedError } from '../../domain/errors.js';
import type { SecretSealer } from '../../domain/ports.js';
import { traceSdkClient } from '../shared/xray.js';

/** A sealed value would not open: it was tampered with, or moved onto another seller's item. */
export class SealedSecretError extends NamedError {}

/** How long an opened secret is kept in memory: a webhook burst then costs one Decrypt, not one each. */
const OPENED_FOR_MS = 5 * 60_000;
const MAX_OPENED = 500;

/**
 * Seals with KMS Encrypt under the region's key (secrets are far below its 4 KB limit, so no envelope
 * is needed), the context bound as KMS's encryption context, which CloudTrail logs with each Decrypt.
 * Endpoint, region and credentials come from the environment (`AWS_ENDPOINT_URL_KMS` locally).
 */
export class KmsSecretSealer implements SecretSealer {
  /** Made on first use: the routes that only read or delete a connection never call KMS. */
  private kms?: KMSClient;
  private readonly opened = new Map<string, { plaintext: string; until: number }>();

  /** The stack sets `CONNECTION_SECRETS_KEY_ID` only on functions it granted the key; others never call. */
  constructor(private readonly keyId = process.env.CONNECTION_SECRETS_KEY_ID) {}

  private client(): KMSClient {
    return (this.kms ??= traceSdkClient(new KMSClient({})));
  }

  private key(): string {
    if (!this.keyId) throw new Error('CONNECTION_SECRETS_KEY_ID is not set');
    return this.keyId;
  }

  async seal(plaintext: string, context: Record<string, string>): Promise<string> {
    const { CiphertextBlob } = await this.client().send(
      new EncryptCommand({
        KeyId: this.key(),
        Plaintext: new TextEncoder().encode(plaintext),
        EncryptionContext: context,
      }),
    );
    if (!CiphertextBlob) throw new Error('KMS Encrypt answered without a ciphertext');
    return Buffer.from(CiphertextBlob).toString('base64');
  }

  async open(sealed: string, context: Record<string, string>): Promise<string> {
    const cacheKey = `${sealed}|${JSON.stringify(Object.entries(context).sort())}`;
    const hit = this.opened.get(cacheKey);
    if (hit && hit.until > Date.now()) return hit.plaintext;
    let plaintext: Uint8Array | undefined;
    try {
      ({ Plaintext: plaintext } = await this.client().send(
        new DecryptCommand({
          KeyId: this.key(),
          CiphertextBlob: Buffer.from(sealed, 'base64'),
          EncryptionContext: context,
        }),
      ));
    } catch (error) {
      if ((error as { name?: string }).name === 'InvalidCiphertextException') {
        throw new SealedSecretError('a sealed secret does not open under its context');
      }
      throw error;
    }
    if (!plaintext) throw new Error('KMS Decrypt answered without a plaintext');
    const text = new TextDecoder().decode(plaintext);
    if (this.opened.size >= MAX_OPENED) this.opened.clear();
    this.opened.set(cacheKey, { plaintext: text, until: Date.now() + OPENED_FOR_MS });
    return text;
  }
}
