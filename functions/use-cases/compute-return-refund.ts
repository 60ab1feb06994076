import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { PolicyRepository } from '../../domain/ports.js';
import { decideRefund } from '../../domain/refund-decision.js';
import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import { ReturnEndedError, type ComputeRefundResult } from '../pipeline/pipeline-contract.js';
import { applyCommand, type NotifyingCommandDeps } from './apply-command.js';
import { notifyOnce } from './notify-once.js';

export interface ComputeRefundDeps extends NotifyingCommandDeps {
  policies: PolicyRepository;
}

const resultOf = (ret: Return): ComputeRefundResult => ({
  refundId: ret.refund!.refundId,
  requiresApproval: ret.status === 'REFUND_PENDING_APPROVAL',
});

/**
 * Decides the refund and records it with its breakdown (COMPUTE_REFUND): to REFUND_PENDING_APPROVAL
 * above the policy's high-value threshold, else REFUND_IN_PROGRESS. A return that already holds its
 * refund (a retried step) is answered as it stands; one that ended meanwhile ends the run quietly.
 * A returnless refund starts its run here, so its buyer learns here that they keep the item.
 */
export const computeReturnRefund = async (
  deps: ComputeRefundDeps,
  sellerId: string,
  returnId: string,
): Promise<ComputeRefundResult> => {
  const current = await deps.returns.get(sellerId, returnId);
  if (!current) throw new NotFoundError(`return ${returnId}`);
  if (TERMINAL_STATUSES.includes(current.status) && !current.refund) {
    throw new ReturnEndedError(`the return is ${current.status}`);
  }
  const ret = current.refund ? current : await recordRefund(deps, current);
  if (ret.returnless) await mailReturnless(deps, ret);
  return resultOf(ret);
};

const recordRefund = async (deps: ComputeRefundDeps, ret: Return): Promise<Return> => {
  const policy = await deps.policies.get(ret.sellerId, ret.marketplace);
  if (!policy) {
    throw new ValidationError('no policy to compute the refund with', [
      { field: 'policy', rule: `must exist for ${ret.marketplace}` },
    ]);
  }
  const refund = decideRefund(ret, policy, deps.clock.now());
  return applyCommand(deps, ret.sellerId, ret.id, { type: 'COMPUTE_REFUND', refund }, { kind: 'system' });
};

const mailReturnless = async (deps: ComputeRefundDeps, ret: Return): Promise<void> => {
  const mail = renderNotification(
    { kind: 'RETURN_AUTHORIZED', rma: ret.rma, returnless: true },
    ret.buyer.locale,
  );
  await notifyOnce(deps, ret, 'RETURN_AUTHORIZED', { to: ret.buyer.email, ...mail });
};
