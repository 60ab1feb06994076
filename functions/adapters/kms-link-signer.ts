import { GenerateMacCommand, KMSClient, KMSInvalidMacException, VerifyMacCommand } from '@aws-sdk/client-kms';
import type { LinkSigner } from '../../domain/ports.js';
import { traceSdkClient } from '../shared/xray.js';

const ALGORITHM = 'HMAC_SHA_256';

/**
 * The buyer links' MACs, made and checked by KMS under the region's HMAC key (HMAC_256,
 * GENERATE_VERIFY_MAC): the key never leaves KMS, and VerifyMac compares in constant time. Endpoint,
 * region and credentials come from the environment (`AWS_ENDPOINT_URL_KMS` locally).
 */
export class KmsLinkSigner implements LinkSigner {
  /** Made on first use, as KmsSecretSealer's. */
  private kms?: KMSClient;

  /** The stack sets `LINK_SIGNING_KEY_ID` only on functions it granted the key. */
  constructor(private readonly keyId = process.env.LINK_SIGNING_KEY_ID) {}

  private client(): KMSClient {
    return (this.kms ??= traceSdkClient(new KMSClient({})));
  }

  private key(): string {
    if (!this.keyId) throw new Error('LINK_SIGNING_KEY_ID is not set');
    return this.keyId;
  }

  async mac(message: Uint8Array): Promise<Uint8Array> {
    const { Mac } = await this.client().send(
      new GenerateMacCommand({ KeyId: this.key(), Message: message, MacAlgorithm: ALGORITHM }),
    );
    if (!Mac) throw new Error('KMS GenerateMac answered without a MAC');
    return Mac;
  }

  async verify(message: Uint8Array, mac: Uint8Array): Promise<boolean> {
    try {
      const { MacValid } = await this.client().send(
        new VerifyMacCommand({ KeyId: this.key(), Message: message, Mac: mac, MacAlgorithm: ALGORITHM }),
      );
      return MacValid === true;
    } catch (error) {
      if (error instanceof KMSInvalidMacException) return false;
      throw error;
    }
  }
}
