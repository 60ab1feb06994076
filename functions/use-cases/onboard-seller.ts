import { defaultPolicy, type Policy, type ReturnAddress } from '../../domain/policy.js';
import type { Marketplace } from '../../domain/marketplaces.js';
import type { PolicyRepository, Seller, SellerRepository } from '../../domain/ports.js';
import { issueApiKey } from '../auth/api-key.js';

export interface OnboardSellerDeps {
  sellers: SellerRepository;
  policies: PolicyRepository;
  /**
   * The starting policy for a marketplace, e.g. from the deploying region's config; the domain's
   * `defaultPolicy` when absent.
   */
  policyFor?: (marketplace: Marketplace, returnAddress: ReturnAddress) => Policy;
}

export interface NewSeller {
  sellerId: string;
  name: string;
  email: string;
  locale: string;
  marketplaces: Marketplace[];
  returnAddress: ReturnAddress;
}

/**
 * Creates a seller ready to take returns:
 * 1. the profile (where its notifications go, in which language);
 * 2. the default policy for each marketplace it sells on (`policyFor`, else the domain default), which it
 *    may change with PUT /v1/policy; a policy already stored is kept;
 * 3. a first API key, returned once in plain text and stored only as a hash.
 */
export const onboardSeller = async (
  deps: OnboardSellerDeps,
  input: NewSeller,
  now: Date,
): Promise<{ seller: Seller; apiKey: string }> => {
  const seller: Seller = {
    sellerId: input.sellerId,
    name: input.name,
    email: input.email,
    locale: input.locale,
    status: 'ACTIVE',
    createdAt: now.toISOString(),
  };
  await deps.sellers.put(seller);
  const policyFor = deps.policyFor ?? defaultPolicy;
  for (const marketplace of input.marketplaces) {
    const existing = await deps.policies.get(seller.sellerId, marketplace);
    if (!existing) {
      await deps.policies.put(
        seller.sellerId,
        policyFor(marketplace, input.returnAddress),
        0,
        seller.createdAt,
      );
    }
  }
  const apiKey = await issueKey(deps, seller.sellerId, now);
  return { seller, apiKey };
};

/** A new API key for a seller; the plain key exists only in the return value. */
export const issueKey = async (
  deps: Pick<OnboardSellerDeps, 'sellers'>,
  sellerId: string,
  now: Date,
): Promise<string> => {
  const key = issueApiKey();
  await deps.sellers.putApiKey({
    keyId: key.keyId,
    sellerId,
    secretHash: key.secretHash,
    status: 'ACTIVE',
    createdAt: now.toISOString(),
  });
  return key.apiKey;
};
