import { ValidationError } from '../../domain/errors.js';
import type { Policy, StoredPolicy } from '../../domain/policy.js';
import type { Clock, PolicyRepository } from '../../domain/ports.js';
import { legalWindowIssues, type RegionMarketplaces } from '../../domain/region-rules.js';

export interface SetPolicyDeps {
  policies: PolicyRepository;
  clock: Clock;
  region: RegionMarketplaces;
}

/**
 * Replaces the seller's policy for one marketplace:
 * 1. refuse a marketplace this region does not serve, and any window below the law's minimum there;
 * 2. write it conditionally on the version read, so two racing edits never silently overwrite each
 *    other (the loser gets 409).
 */
export const setPolicy = async (
  deps: SetPolicyDeps,
  sellerId: string,
  policy: Policy,
): Promise<StoredPolicy> => {
  const issues = legalWindowIssues(policy, deps.region);
  if (issues.length > 0) throw new ValidationError('the policy breaks a rule of this region', issues);
  const current = await deps.policies.get(sellerId, policy.marketplace);
  return deps.policies.put(sellerId, policy, current?.version ?? 0, deps.clock.now().toISOString());
};
