import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AwsJsonError, startAwsJsonServer, type AwsJsonOperations } from './aws-json-server.js';

export interface KmsStandIn {
  /** e.g. `http://127.0.0.1:41236`, for `AWS_ENDPOINT_URL_KMS`. */
  endpoint: string;
  /** Its symmetric key, for CONNECTION_SECRETS_KEY_ID. */
  keyId: string;
  /** Its HMAC key, for LINK_SIGNING_KEY_ID. */
  linkKeyId: string;
  stop(): Promise<void>;
}

export const LOCAL_KMS_KEY_ID = 'alias/returns-local-connection-secrets';
export const LOCAL_LINK_KEY_ID = 'alias/returns-local-link-signing';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** KMS binds the encryption context to the ciphertext; its order must not matter, so it is sorted. */
const additionalData = (keyId: string, context: unknown): Buffer => {
  const entries = Object.entries((context ?? {}) as Record<string, string>).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return Buffer.from(JSON.stringify([keyId, entries]));
};

const masterKeyAt = async (path: string): Promise<Buffer> => {
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  if (existing) return Buffer.from(existing.trim(), 'base64');
  const key = randomBytes(32);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600 });
  return key;
};

interface KmsRequest {
  KeyId?: string;
  Plaintext?: string;
  CiphertextBlob?: string;
  EncryptionContext?: Record<string, string>;
  Message?: string;
  Mac?: string;
  MacAlgorithm?: string;
}

/**
 * A local stand-in for AWS KMS, speaking its JSON API, so the real `@aws-sdk/client-kms` seals sellers'
 * secrets and signs buyer links in local runs and tests exactly as it does deployed. It has one
 * symmetric key, kept in `keyFile` across restarts (or in memory without one), and implements Encrypt
 * and Decrypt with the encryption context authenticated (AES-256-GCM): a ciphertext opens only under
 * the context it was sealed with, as with KMS. Its HMAC key (HMAC_SHA_256, derived from the same
 * material) answers GenerateMac and VerifyMac, which compares in constant time and refuses a bad MAC
 * with KMSInvalidMacException, as KMS does. Requests are not signature-checked; it listens on
 * 127.0.0.1 only.
 */
export const startKms = async (options: { keyFile?: string; port?: number } = {}): Promise<KmsStandIn> => {
  const masterKey = options.keyFile ? await masterKeyAt(options.keyFile) : randomBytes(32);

  const encrypt = (request: KmsRequest) => {
    if (request.KeyId !== LOCAL_KMS_KEY_ID)
      throw new AwsJsonError('NotFoundException', `key ${request.KeyId} not found`);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
    cipher.setAAD(additionalData(request.KeyId, request.EncryptionContext));
    const body = Buffer.concat([
      cipher.update(Buffer.from(request.Plaintext ?? '', 'base64')),
      cipher.final(),
    ]);
    const blob = Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    return {
      CiphertextBlob: blob.toString('base64'),
      KeyId: LOCAL_KMS_KEY_ID,
      EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    };
  };

  const decrypt = (request: KmsRequest) => {
    const blob = Buffer.from(request.CiphertextBlob ?? '', 'base64');
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION) {
      throw new AwsJsonError('InvalidCiphertextException', 'the ciphertext is not one this key made');
    }
    const decipher = createDecipheriv('aes-256-gcm', masterKey, blob.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(additionalData(LOCAL_KMS_KEY_ID, request.EncryptionContext));
    decipher.setAuthTag(blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    try {
      const plaintext = Buffer.concat([
        decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
      return {
        Plaintext: plaintext.toString('base64'),
        KeyId: LOCAL_KMS_KEY_ID,
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      };
    } catch {
      throw new AwsJsonError(
        'InvalidCiphertextException',
        'the ciphertext or its encryption context does not match',
      );
    }
  };

  const macKey = createHmac('sha256', masterKey).update('link-signing').digest();
  const macOf = (request: KmsRequest): Buffer => {
    if (request.KeyId !== LOCAL_LINK_KEY_ID)
      throw new AwsJsonError('NotFoundException', `key ${request.KeyId} not found`);
    if (request.MacAlgorithm !== 'HMAC_SHA_256')
      throw new AwsJsonError('InvalidKeyUsageException', 'the key supports HMAC_SHA_256 only');
    return createHmac('sha256', macKey)
      .update(Buffer.from(request.Message ?? '', 'base64'))
      .digest();
  };
  const generateMac = (request: KmsRequest) => ({
    Mac: macOf(request).toString('base64'),
    KeyId: LOCAL_LINK_KEY_ID,
    MacAlgorithm: 'HMAC_SHA_256',
  });
  const verifyMac = (request: KmsRequest) => {
    const expected = macOf(request);
    const given = Buffer.from(request.Mac ?? '', 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AwsJsonError('KMSInvalidMacException', 'the MAC does not verify');
    }
    return { KeyId: LOCAL_LINK_KEY_ID, MacValid: true, MacAlgorithm: 'HMAC_SHA_256' };
  };

  const operations: AwsJsonOperations = {
    'TrentService.Encrypt': (request) => encrypt(request as KmsRequest),
    'TrentService.Decrypt': (request) => decrypt(request as KmsRequest),
    'TrentService.GenerateMac': (request) => generateMac(request as KmsRequest),
    'TrentService.VerifyMac': (request) => verifyMac(request as KmsRequest),
  };

  const server = await startAwsJsonServer(operations, { port: options.port, invalid: 'ValidationException' });
  return { ...server, keyId: LOCAL_KMS_KEY_ID, linkKeyId: LOCAL_LINK_KEY_ID };
};
