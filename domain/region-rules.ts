import * as z from './zod.js';
import type { FieldIssue } from './errors.js';
import { MarketplaceSchema, type Marketplace } from './marketplaces.js';
import type { Policy } from './policy.js';

/**
 * What a regional deployment serves, and its legal floors: the marketplaces of the region (data stays in
 * the region that serves it), each with the shortest return window its law allows (the EU's 14-day right
 * of withdrawal, for example). Deployed as the REGION_MARKETPLACES environment variable.
 */
export const RegionMarketplacesSchema = z.partialRecord(
  MarketplaceSchema,
  z.strictObject({ minimumWindowDays: z.number().check(z.int()).check(z.gte(0)) }),
);
export type RegionMarketplaces = z.infer<typeof RegionMarketplacesSchema>;

/** A request for a marketplace another region serves belongs in that region's deployment. */
export const servedMarketplaceIssues = (
  marketplace: Marketplace,
  region: RegionMarketplaces,
): FieldIssue[] =>
  region[marketplace]
    ? []
    : [
        {
          field: 'marketplace',
          rule: `must be a marketplace this region serves (${Object.keys(region).join(', ')})`,
        },
      ];

/** A seller may be more generous than the law, never less: every window must reach the legal floor. */
export const legalWindowIssues = (policy: Policy, region: RegionMarketplaces): FieldIssue[] => {
  const served = region[policy.marketplace];
  if (!served) return servedMarketplaceIssues(policy.marketplace, region);
  return Object.entries(policy.returnWindowDays)
    .filter(([, days]) => days < served.minimumWindowDays)
    .map(([category]) => ({
      field: `returnWindowDays/${category}`,
      rule: `must be at least ${served.minimumWindowDays} days, the legal minimum in ${policy.marketplace}`,
    }));
};
