import { KmsLinkSigner } from '../../adapters/kms-link-signer.js';

/** Signs and checks the buyer's links under the region's HMAC key. */
export const linkSigner = new KmsLinkSigner();
