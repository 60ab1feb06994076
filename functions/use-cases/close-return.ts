import type * as z from '../../domain/zod.js';
import type { CloseBodySchema } from '../../domain/api-schemas.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { Return } from '../../domain/return.js';
import { applyCommand, type NotifyingCommandDeps } from './apply-command.js';
import { releaseWaitingRun } from './release-waiting-run.js';
import type { PipelinePort } from '../../domain/ports.js';
import { notifyOnceAfterRequest } from './notify-once.js';
import { voidUnusedLabel, type VoidLabelDeps } from './void-label.js';

/**
 * Closes a request for the seller:
 * 1. apply CLOSE with the seller's reason and comment (refused unless the return is still open);
 * 2. let a run that waits for the carrier go, and void a label the carrier never scanned;
 * 3. e-mail the buyer the reason and the comment, in the buyer's language.
 */
export const closeReturn = async (
  deps: NotifyingCommandDeps & VoidLabelDeps & { pipeline: PipelinePort },
  sellerId: string,
  id: string,
  body: z.infer<typeof CloseBodySchema>,
): Promise<Return> => {
  const ret = await applyCommand(
    deps,
    sellerId,
    id,
    { type: 'CLOSE', ...body },
    { kind: 'seller', id: sellerId },
  );
  await releaseWaitingRun(deps.pipeline, ret);
  const voided = await voidUnusedLabel(deps, sellerId, id);
  const seller = await deps.sellers.get(sellerId);
  const mail = renderNotification(
    {
      kind: 'RETURN_CLOSED',
      rma: ret.rma,
      orderId: ret.orderId,
      reason: body.reason,
      comment: body.comment,
      sellerName: seller?.name ?? '',
    },
    ret.buyer.locale,
  );
  await notifyOnceAfterRequest(deps, ret, 'RETURN_CLOSED', { to: ret.buyer.email, ...mail });
  return voided ?? ret;
};
