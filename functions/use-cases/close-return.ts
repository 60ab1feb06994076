import type { z } from 'zod';
import type { CloseBodySchema } from '../../domain/api-schemas.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { Return } from '../../domain/return.js';
import { applyCommand, type NotifyingCommandDeps } from './apply-command.js';
import { sendSafely } from './send-safely.js';

/**
 * Closes a request for the seller:
 * 1. apply CLOSE with the seller's reason and comment (refused unless the return is still open);
 * 2. e-mail the buyer the reason and the comment, in the buyer's language.
 */
export const closeReturn = async (
  deps: NotifyingCommandDeps,
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
  await sendSafely(
    deps.mailer,
    { to: ret.buyer.email, ...mail },
    { returnId: ret.id, kind: 'RETURN_CLOSED' },
  );
  return ret;
};
