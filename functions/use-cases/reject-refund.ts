import { renderNotification } from '../../domain/notifications/render.js';
import type { Return } from '../../domain/return.js';
import type { PipelinePort } from '../../domain/ports.js';
import { applyCommand, type NotifyingCommandDeps } from './apply-command.js';
import { notifyOnceAfterRequest } from './notify-once.js';

/**
 * The seller rejects a high-value refund: the return closes (REFUND_REJECTED) with the seller's reason,
 * the waiting run ends quietly, and the buyer is told why, once.
 */
export const rejectRefund = async (
  deps: NotifyingCommandDeps & { pipeline: PipelinePort },
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
  const mail = renderNotification({ kind: 'REFUND_REJECTED', rma: ret.rma, reason }, ret.buyer.locale);
  await notifyOnceAfterRequest(deps, ret, 'REFUND_REJECTED', { to: ret.buyer.email, ...mail });
  return ret;
};
