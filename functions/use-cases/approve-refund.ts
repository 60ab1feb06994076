import type { Return } from '../../domain/return.js';
import type { PipelinePort } from '../../domain/ports.js';
import { applyCommand, type ApplyCommandDeps } from './apply-command.js';

/**
 * The seller approves a high-value refund: APPROVE_REFUND on the version read, so of two approvals that
 * race only one is written (the other is refused as the refund is no longer pending), and only that one
 * resumes the waiting run. A run that has not stored its token yet finds the refund approved and goes on.
 */
export const approveRefund = async (
  deps: ApplyCommandDeps & { pipeline: PipelinePort },
  sellerId: string,
  id: string,
): Promise<Return> => {
  const ret = await applyCommand(
    deps,
    sellerId,
    id,
    { type: 'APPROVE_REFUND' },
    { kind: 'seller', id: sellerId },
  );
  const token = ret.pipeline?.approvalToken;
  if (token) await deps.pipeline.resume(token, { approved: true });
  return ret;
};
