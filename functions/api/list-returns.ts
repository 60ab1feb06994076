import { clock, returns } from '../shared/dependencies/data.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/**
 * GET /v1/returns?status=|orderId=|rma=|dueBefore=&overdue=&cursor=&limit=: the seller's returns, all or
 * narrowed by at most one filter, newest first, or by deadline, soonest first; `cursor` is absent on the
 * last page.
 */
export const handler = sellerEndpoint(ROUTES.ListReturns, {
  run: async ({ sellerId, query }) => {
    const page = await returns.list(sellerId, { ...query, asOf: clock.now().toISOString() });
    return ok({ items: page.items.map(toReturnView), ...(page.cursor ? { cursor: page.cursor } : {}) });
  },
});
