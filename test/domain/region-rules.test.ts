import { describe, expect, it } from 'vitest';
import { legalWindowIssues, servedMarketplaceIssues } from '../../domain/region-rules.js';
import { defaultPolicy } from '../../domain/policy.js';

const EU = { DE: { minimumWindowDays: 14 }, FR: { minimumWindowDays: 14 } };
const address = { name: 'R', line1: '1 Str', city: 'Berlin', postalCode: '10115', country: 'DE' };

describe('region rules', () => {
  it('serves only the region’s own marketplaces, naming the ones it serves', () => {
    expect(servedMarketplaceIssues('DE', EU)).toEqual([]);
    expect(servedMarketplaceIssues('US', EU)).toEqual([
      { field: 'marketplace', rule: 'must be a marketplace this region serves (DE, FR)' },
    ]);
  });

  it('refuses every return window below the legal minimum, and accepts one at it', () => {
    const policy = {
      ...defaultPolicy('DE', address),
      returnWindowDays: { default: 14, toys: 13, apparel: 7 },
    };
    expect(legalWindowIssues(policy, EU)).toEqual([
      { field: 'returnWindowDays/toys', rule: 'must be at least 14 days, the legal minimum in DE' },
      { field: 'returnWindowDays/apparel', rule: 'must be at least 14 days, the legal minimum in DE' },
    ]);
  });

  it('refuses a policy for a marketplace the region does not serve', () => {
    expect(legalWindowIssues(defaultPolicy('JP', address), EU).map((i) => i.field)).toEqual(['marketplace']);
  });
});
