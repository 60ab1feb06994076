import { ValidationError } from '../../domain/errors.js';
import { transition } from '../../domain/lifecycle.js';
import type { PolicyRepository } from '../../domain/ports.js';
import { decideRefund } from '../../domain/refund-decision.js';
import { resolutionOf } from '../../domain/lifecycle-replacement.js';
import type { Refund } from '../../domain/refund.js';
import type { Return } from '../../domain/return.js';
import type { ComputeRefundResult } from '../pipeline/pipeline-contract.js';
import type { ApplyCommandDeps } from './apply-command.js';
import { runWaitingStep, type WaitingDecision, type WaitingStepDeps } from './waiting-step.js';

export interface ComputeRefundDeps extends ApplyCommandDeps, WaitingStepDeps {
  policies: PolicyRepository;
}

const resultOf = (ret: Return): ComputeRefundResult & Record<string, unknown> => ({
  refundId: ret.refund!.refundId,
  requiresApproval: false,
});

/** The refund the seller's policy gives the return now (a ValidationError when there is no policy). */
export const refundUnderPolicy = async (
  deps: { policies: Pick<PolicyRepository, 'get'> },
  ret: Return,
  now: Date,
): Promise<Refund> => {
  const policy = await deps.policies.get(ret.sellerId, ret.marketplace);
  if (!policy) {
    throw new ValidationError('no policy to compute the refund with', [
      { field: 'policy', rule: `must exist for ${ret.marketplace}` },
    ]);
  }
  return decideRefund(ret, policy, now);
};

/** A return resolved by REPLACE goes on without a refund: IssueRefund finds nothing to pay and ends the run. */
const REPLACED = { resolution: 'REPLACE' } as const;

/**
 * The ComputeRefund step, off the happy path (IssueRefund records a refund that needs no approval
 * itself, and sends the others here): decides the refund on the latest return and records it with its breakdown
 * (COMPUTE_REFUND). Above the policy's high-value threshold the run waits for the seller's approval,
 * its token on the return in the same write (whose `refund.pending_approval` event asks the seller by
 * mail); otherwise the run goes on at once. A return that holds its refund already (a retried step, a resumed run) is answered as it
 * stands, or waits again for its approval; one that ended meanwhile ends the run quietly.
 *
 * A return resolved by REPLACE (the inspection's word, else the authorization's) gets no refund: its
 * replacement is requested here instead (REQUEST_REPLACEMENT, its goods reserved; its
 * `replacement.requested` event mails the buyer what is sent again), and the run goes on to IssueRefund,
 * which has nothing to pay and ends it.
 */
export const computeRefund = async (
  deps: ComputeRefundDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
): Promise<void> => {
  await runWaitingStep(deps, { sellerId, returnId, taskToken }, async (current): Promise<WaitingDecision> => {
    const context = { now: deps.clock.now(), actor: { kind: 'system' } } as const;
    if (current.status === 'REFUND_PENDING_APPROVAL') {
      return {
        outcome: 'waits',
        write: transition(current, { type: 'COMPUTE_REFUND', taskToken }, context),
      };
    }
    if (current.refund) return { outcome: 'goes-on', output: resultOf(current) };
    if (current.replacement) return { outcome: 'goes-on', output: REPLACED };
    if (resolutionOf(current) === 'REPLACE') {
      const write = transition(current, { type: 'REQUEST_REPLACEMENT' }, context);
      return { outcome: 'goes-on', output: REPLACED, write };
    }
    const refund = await refundUnderPolicy(deps, current, context.now);
    const next = transition(current, { type: 'COMPUTE_REFUND', refund, taskToken }, context);
    return refund.requiresApproval
      ? { outcome: 'waits', write: next }
      : { outcome: 'goes-on', output: resultOf(next), write: next };
  });
};
