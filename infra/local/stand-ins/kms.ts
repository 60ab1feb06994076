import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { serveLocally } from './local-server.js';

export interface KmsStandIn {
  /** e.g. `http://127.0.0.1:41236`, for `AWS_ENDPOINT_URL_KMS`. */
  endpoint: string;
  /** The one key it has, for CONNECTION_SECRETS_KEY_ID. */
  keyId: string;
  stop(): Promise<void>;
}

export const LOCAL_KMS_KEY_ID = 'alias/returns-local-connection-secrets';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

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
}

/**
 * A local stand-in for AWS KMS, speaking its JSON API, so the real `@aws-sdk/client-kms` seals sellers'
 * secrets in local runs and tests exactly as it does deployed. It has one symmetric key, kept in
 * `keyFile` across restarts (or in memory without one), and implements Encrypt and Decrypt with the
 * encryption context authenticated (AES-256-GCM): a ciphertext opens only under the context it was
 * sealed with, as with KMS. Requests are not signature-checked; it listens on 127.0.0.1 only.
 */
export const startKms = async (options: { keyFile?: string; port?: number } = {}): Promise<KmsStandIn> => {
  const masterKey = options.keyFile ? await masterKeyAt(options.keyFile) : randomBytes(32);

  const encrypt = (request: KmsRequest) => {
    if (request.KeyId !== LOCAL_KMS_KEY_ID)
      throw new KmsError('NotFoundException', `key ${request.KeyId} not found`);
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
      throw new KmsError('InvalidCiphertextException', 'the ciphertext is not one this key made');
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
      throw new KmsError(
        'InvalidCiphertextException',
        'the ciphertext or its encryption context does not match',
      );
    }
  };

  const operations: Record<string, (request: KmsRequest) => unknown> = {
    'TrentService.Encrypt': encrypt,
    'TrentService.Decrypt': decrypt,
  };

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(body));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const operation = operations[String(request.headers['x-amz-target'])];
    if (!operation) {
      answer(response, 400, {
        __type: 'UnknownOperationException',
        message: 'not implemented by the stand-in',
      });
      return;
    }
    try {
      answer(
        response,
        200,
        operation(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as KmsRequest),
      );
    } catch (error) {
      const kmsError =
        error instanceof KmsError ? error : new KmsError('ValidationException', 'malformed request');
      answer(response, 400, { __type: kmsError.type, message: kmsError.message });
    }
  };

  const served = await serveLocally(handle, options.port);
  return {
    endpoint: served.endpoint,
    keyId: LOCAL_KMS_KEY_ID,
    stop: served.stop,
  };
};
