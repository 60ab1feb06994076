import { decideEligibility } from './eligibility.js';
import { transition } from './lifecycle.js';
import type { Policy } from './policy.js';
import type { CreateReturnRequest } from './return-request.js';
import type { Return } from './return.js';
import { withNextDeadline } from './deadlines/next-deadline.js';

export interface OpenReturnInput {
  id: string;
  rma: string;
  sellerId: string;
  request: CreateReturnRequest;
  policy: Policy;
  now: Date;
}

/**
 * A new return as the seller's policy sees it: opened in AUTHORIZATION_REQUIRED with the explained
 * decision on its first timeline entry, then authorized by the policy itself when the decision allows.
 */
export const openReturn = ({ id, rma, sellerId, request, policy, now }: OpenReturnInput): Return => {
  const decision = decideEligibility(request, policy, now);
  const at = now.toISOString();
  const opened: Return = {
    id,
    sellerId,
    rma,
    ...request,
    status: 'AUTHORIZATION_REQUIRED',
    decision,
    returnless: false,
    concessions: [],
    inventoryAdjustments: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
    timeline: [
      {
        at,
        type: 'CREATED',
        from: 'AUTHORIZATION_REQUIRED',
        to: 'AUTHORIZATION_REQUIRED',
        actor: { kind: 'seller', id: sellerId },
        note: decision.summary,
      },
    ],
  };
  if (decision.outcome !== 'AUTHORIZE') return withNextDeadline(opened);
  return transition(
    opened,
    { type: 'AUTHORIZE', returnless: decision.returnless },
    { now, actor: { kind: 'policy' } },
  );
};
