import { NotFoundError } from '../../domain/errors.js';
import type { ApiKeyRecord, SellerRepository } from '../../domain/ports.js';
import { parseApiKey } from '../auth/api-key.js';
import { issueKey } from './onboard-seller.js';

export interface ManageApiKeysDeps {
  sellers: SellerRepository;
}

export interface RotatedKey {
  keyId: string;
  /** The new key in plain text: it exists only here, so show it once. */
  apiKey: string;
  /** The seller's other keys this rotation revoked (empty unless asked to revoke them). */
  revokedKeyIds: string[];
}

/**
 * Gives a seller a new API key:
 * 1. the seller must exist;
 * 2. the new key is stored (hashed) and active before anything is revoked, so the seller is never left
 *    without a working key;
 * 3. with `revokePrevious`, every other active key of the seller is then revoked.
 */
export const rotateApiKey = async (
  deps: ManageApiKeysDeps,
  input: { sellerId: string; revokePrevious: boolean },
  now: Date,
): Promise<RotatedKey> => {
  if (!(await deps.sellers.get(input.sellerId))) throw new NotFoundError(`seller ${input.sellerId}`);
  const apiKey = await issueKey(deps, input.sellerId, now);
  const keyId = parseApiKey(apiKey)!.keyId;
  const revokedKeyIds: string[] = [];
  if (input.revokePrevious) {
    for (const key of await deps.sellers.listApiKeys(input.sellerId)) {
      if (key.keyId === keyId || key.status !== 'ACTIVE') continue;
      await deps.sellers.putApiKey({ ...key, status: 'REVOKED' });
      revokedKeyIds.push(key.keyId);
    }
  }
  return { keyId, apiKey, revokedKeyIds };
};

/**
 * Revokes one key. The authorizer reads the key record on every request (no cache), so the key is
 * refused from the next request on. Revoking a revoked key changes nothing.
 */
export const revokeApiKey = async (
  deps: ManageApiKeysDeps,
  keyId: string,
): Promise<{ key: ApiKeyRecord; wasActive: boolean }> => {
  const key = await deps.sellers.getApiKey(keyId);
  if (!key) throw new NotFoundError(`API key ${keyId}`);
  if (key.status === 'REVOKED') return { key, wasActive: false };
  const revoked: ApiKeyRecord = { ...key, status: 'REVOKED' };
  await deps.sellers.putApiKey(revoked);
  return { key: revoked, wasActive: true };
};
