import { describe, expect, it } from 'vitest';
import { CONFIGURED_REGIONS, loadRegionConfig } from '../../../infra/config/index.js';
import { regionPolicyFor } from '../../../infra/admin/region-default-policy.js';
import { PolicySchema, defaultPolicy, type ReturnAddress } from '../../../domain/policy.js';

const address: ReturnAddress = {
  name: 'Returns',
  line1: '1 Dock St',
  city: 'Reno',
  postalCode: '89502',
  country: 'US',
};

describe("a new seller's policy in a configured region", () => {
  it("takes the marketplace's return windows and restocking fees from the region config", () => {
    const policy = regionPolicyFor(loadRegionConfig('eu-west-1'))('DE', address);

    expect(policy.marketplace).toBe('DE');
    expect(policy.returnWindowDays).toEqual({ default: 30, electronics: 30, apparel: 30 });
    expect(policy.restockingFees).toEqual([
      { grade: 'OPENED', feeBasisPoints: 0 },
      { grade: 'USED', feeBasisPoints: 1000 },
      { grade: 'DAMAGED', feeBasisPoints: 5000 },
      { grade: 'MISSING_PARTS', feeBasisPoints: 5000 },
    ]);
    expect(policy.returnAddresses).toEqual([address]);
  });

  it('keeps the domain defaults for what the region config does not set', () => {
    const policy = regionPolicyFor(loadRegionConfig('ap-northeast-1'))('JP', address);
    const domain = defaultPolicy('JP', address);

    expect(policy.highValueApprovalThreshold).toEqual(domain.highValueApprovalThreshold);
    expect(policy.returnless).toEqual(domain.returnless);
    expect(policy.shipByDays).toBe(domain.shipByDays);
    expect(policy.restockingFees.map((f) => f.grade)).not.toContain('OPENED');
  });

  it.each(CONFIGURED_REGIONS)('is a valid policy for every marketplace %s serves', (region) => {
    const config = loadRegionConfig(region);
    for (const { code } of config.marketplaces) {
      expect(PolicySchema.safeParse(regionPolicyFor(config)(code, address)).success).toBe(true);
    }
  });

  it('refuses a marketplace the region does not serve', () => {
    expect(() => regionPolicyFor(loadRegionConfig('us-east-1'))('JP', address)).toThrow(
      'marketplace JP is not configured in us-east-1',
    );
  });
});
