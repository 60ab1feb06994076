import { KmsSecretSealer } from '../../adapters/kms-secret-sealer.js';

/**
 * Seals and opens the webhook endpoints' signing secrets, under the connections' key. Its own module, so
 * only the functions granted the key (create, rotate, the delivery worker) carry the KMS client.
 */
export const signingSecretSealer = new KmsSecretSealer();
