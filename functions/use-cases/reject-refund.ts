import type { Return } from '../../domain/return.js';
import type { PipelinePort } from '../../domain/ports.js';
import { applyCommand, type ApplyCommandDeps } from './apply-command.js';

/**
 * The seller rejects a high-value refund: the return closes (REFUND_REJECTED) with the seller's reason,
 * and the waiting run ends quietly. The `return.closed` event, written with the change, tells the buyer
 * why, once.
 */
export const rejectRefund = async (
  deps: ApplyCommandDeps & { pipeline: PipelinePort },
  sellerId: string,
  id: string,
  reason: string,
): Promise<Return> => {
  const ret = await applyCommand(
    deps,
    sellerId,
    id,
    { type: 'REJECT_REFUND', reason },
    { kind: 'seller', id: sellerId },
  );
  const token = ret.pipeline?.approvalToken;
  if (token) await deps.pipeline.abandon(token, 'the refund was rejected');
  return ret;
};
