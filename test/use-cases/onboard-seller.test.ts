import { describe, expect, it } from 'vitest';
import type { Marketplace } from '../../domain/marketplaces.js';
import { defaultPolicy } from '../../domain/policy.js';
import { hashSecret, parseApiKey } from '../../functions/auth/api-key.js';
import { onboardSeller, type NewSeller } from '../../functions/use-cases/onboard-seller.js';
import { InMemoryPolicyRepository } from '../support/in-memory/policy-repository.js';
import { InMemorySellerRepository } from '../support/in-memory/seller-repository.js';
import { TEST_RETURN_ADDRESS } from '../support/return-factory.js';

const now = new Date('2026-11-10T12:00:00Z');
const newSeller: NewSeller = {
  sellerId: 'seller-9',
  name: 'Kiosk GmbH',
  email: 'ops@kiosk.example',
  locale: 'de-DE',
  marketplaces: ['DE', 'FR'],
  returnAddress: TEST_RETURN_ADDRESS,
};
const deps = () => ({ sellers: new InMemorySellerRepository(), policies: new InMemoryPolicyRepository() });

describe('onboardSeller', () => {
  it('stores the profile, a default policy per marketplace and a first key, hashed', async () => {
    const world = deps();

    const { seller, apiKey } = await onboardSeller(world, newSeller, now);

    expect(await world.sellers.get('seller-9')).toEqual({
      sellerId: 'seller-9',
      name: 'Kiosk GmbH',
      email: 'ops@kiosk.example',
      locale: 'de-DE',
      status: 'ACTIVE',
      createdAt: now.toISOString(),
    });
    expect(seller.sellerId).toBe('seller-9');
    expect(await world.policies.list('seller-9')).toEqual(
      (['DE', 'FR'] as const).map((m) => ({
        ...defaultPolicy(m, TEST_RETURN_ADDRESS),
        sellerId: 'seller-9',
        version: 1,
        updatedAt: now.toISOString(),
      })),
    );
    const { keyId, secret } = parseApiKey(apiKey)!;
    expect(await world.sellers.getApiKey(keyId)).toMatchObject({
      sellerId: 'seller-9',
      secretHash: hashSecret(secret),
      status: 'ACTIVE',
    });
  });

  it("keeps a policy the seller already has, and uses the region's starting policy for the rest", async () => {
    const world = deps();
    const own = await world.policies.put(
      'seller-9',
      { ...defaultPolicy('DE', TEST_RETURN_ADDRESS), shipByDays: 5 },
      0,
      '2026-01-01T00:00:00Z',
    );
    const policyFor = (m: Marketplace) => ({
      ...defaultPolicy(m, TEST_RETURN_ADDRESS),
      autoAuthorize: false,
    });

    await onboardSeller({ ...world, policyFor }, newSeller, now);

    expect(await world.policies.get('seller-9', 'DE')).toEqual(own);
    expect(await world.policies.get('seller-9', 'FR')).toMatchObject({ autoAuthorize: false, version: 1 });
  });
});
