import { NotFoundError } from '../../domain/errors.js';
import { notificationLedger, returns } from '../shared/dependencies/data.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

/**
 * GET /v1/returns/{id}/notifications: the mails the return caused, oldest first. The return is read
 * under the caller's seller first, so another seller's return is a 404 like one that does not exist;
 * then one Query of the return's notification partition.
 */
export const handler = sellerEndpoint(ROUTES.ListReturnNotifications, {
  run: async ({ sellerId, params }) => {
    const ret = await returns.get(sellerId, params.id);
    if (!ret) throw new NotFoundError(`return ${params.id}`);
    return ok({ id: ret.id, items: await notificationLedger.sentFor(ret.id) });
  },
});
