import type * as z from '../../domain/zod.js';
import type { CancelBodySchema } from '../../domain/api-schemas.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { Return } from '../../domain/return.js';
import { applyCommand, type NotifyingCommandDeps } from './apply-command.js';
import { releaseWaitingRun } from './release-waiting-run.js';
import type { PipelinePort } from '../../domain/ports.js';
import { notifyOnceAfterRequest } from './notify-once.js';
import { voidUnusedLabel, type VoidLabelDeps } from './void-label.js';

/**
 * Records the buyer's cancellation, relayed by the seller's storefront:
 * 1. apply CANCEL as the buyer (refused once the parcel is on its way);
 * 2. let a run that waits for the carrier go, and void a label the carrier never scanned;
 * 3. tell the seller by e-mail, in the seller's language.
 */
export const cancelReturn = async (
  deps: NotifyingCommandDeps & VoidLabelDeps & { pipeline: PipelinePort },
  sellerId: string,
  id: string,
  body: z.infer<typeof CancelBodySchema>,
): Promise<Return> => {
  const ret = await applyCommand(deps, sellerId, id, { type: 'CANCEL', ...body }, { kind: 'buyer' });
  await releaseWaitingRun(deps.pipeline, ret);
  const voided = await voidUnusedLabel(deps, sellerId, id);
  const seller = await deps.sellers.get(sellerId);
  if (seller) {
    const mail = renderNotification(
      {
        kind: 'RETURN_CANCELLED_BY_BUYER',
        rma: ret.rma,
        orderId: ret.orderId,
        returnId: ret.id,
        buyerEmail: ret.buyer.email,
        comment: body.comment,
      },
      seller.locale,
    );
    await notifyOnceAfterRequest(deps, ret, 'RETURN_CANCELLED_BY_BUYER', { to: seller.email, ...mail });
  }
  return voided ?? ret;
};
