import { ulid } from 'ulid';
import { ValidationError } from '../../domain/errors.js';
import { validateRequestAgainstClock } from '../../domain/eligibility.js';
import { withEvents } from '../../domain/events/derive-events.js';
import { openReturn } from '../../domain/open-return.js';
import { unrepresentableTotalIssues } from '../../domain/request-totals.js';
import type { PolicyRepository } from '../../domain/ports.js';
import { servedMarketplaceIssues, type RegionMarketplaces } from '../../domain/region-rules.js';
import { channelIssues } from '../../domain/deadlines/deadline-rules.js';
import { startPipeline, type StartPipelineDeps } from './start-pipeline.js';
import type { CreateReturnRequest } from '../../domain/return-request.js';
import type { Return } from '../../domain/return.js';

export interface CreateReturnDeps extends StartPipelineDeps {
  policies: PolicyRepository;
  region: RegionMarketplaces;
}

/** An RMA a buyer can read out on the phone: the id's random tail, in groups. */
const rmaFor = (id: string): string => `RMA-${id.slice(10, 15)}-${id.slice(15, 20)}`;

/**
 * Opens a return request:
 * 1. refuse another region's marketplace, a channel the marketplace lacks, what no clock allows (a
 *    delivery or request in the future, a request before the delivery), and totals money cannot hold;
 * 2. load the seller's policy for the marketplace;
 * 3. let the domain decide and explain, and authorize when the policy says so;
 * 4. write it, once, with its first events (created, and authorized when it was) in its outbox;
 * 5. when the policy authorized it, hand it to the pipeline.
 */
export const createReturn = async (
  deps: CreateReturnDeps,
  sellerId: string,
  request: CreateReturnRequest,
  correlationId: string,
): Promise<Return> => {
  const now = deps.clock.now();
  const issues = [
    ...servedMarketplaceIssues(request.marketplace, deps.region),
    ...validateRequestAgainstClock(request, now),
    ...unrepresentableTotalIssues(request),
    ...channelIssues(request.marketplace, request.channel),
  ];
  if (issues.length > 0) throw new ValidationError('the request does not add up', issues);
  const policy = await deps.policies.get(sellerId, request.marketplace);
  if (!policy) {
    throw new ValidationError(`you have no return policy for marketplace ${request.marketplace}`, [
      { field: 'marketplace', rule: 'must be a marketplace you have a policy for (PUT /v1/policy)' },
    ]);
  }
  const id = ulid(now.getTime());
  const ret = withEvents(undefined, openReturn({ id, rma: rmaFor(id), sellerId, request, policy, now }));
  await deps.returns.create(ret);
  return startPipeline(deps, ret, correlationId, policy);
};
