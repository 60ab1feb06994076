import { GRADES } from '../../domain/inspection.js';
import type { Marketplace } from '../../domain/marketplaces.js';
import { defaultPolicy, type Policy, type ReturnAddress } from '../../domain/policy.js';
import type { RegionConfig } from '../config/index.js';

/**
 * A new seller's starting policy in a configured region: the domain's default (thresholds, returnless
 * rules, ship-by days) with the return windows and restocking fees the region's config sets for that
 * marketplace. A grade the config gives no fee for has none. The config's `internationalRemorseFreight`
 * is not part of a seller's policy (the domain reads it per marketplace), so it is not copied.
 */
export const regionPolicyFor =
  (config: RegionConfig) =>
  (marketplace: Marketplace, returnAddress: ReturnAddress): Policy => {
    const configured = config.marketplaces.find((m) => m.code === marketplace);
    if (!configured) {
      throw new Error(`marketplace ${marketplace} is not configured in ${config.region}`);
    }
    const fees = configured.defaultPolicy.restockingFeeBasisPoints;
    return {
      ...defaultPolicy(marketplace, returnAddress),
      returnWindowDays: { ...configured.defaultPolicy.returnWindowDays },
      restockingFees: GRADES.flatMap((grade) => {
        const feeBasisPoints = fees[grade];
        return feeBasisPoints === undefined ? [] : [{ grade, feeBasisPoints }];
      }),
    };
  };
