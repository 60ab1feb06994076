import { ListReturnsQuerySchema } from '../../domain/api-schemas.js';
import { returns } from '../shared/dependencies/data.js';
import { sellerHandler } from './http/seller-handler.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** GET /v1/returns?status=&cursor=&limit=: newest first; `cursor` is absent on the last page. */
export const handler = sellerHandler({
  name: 'ListReturns',
  query: ListReturnsQuerySchema,
  run: async ({ sellerId, query }) => {
    const page = await returns.list(sellerId, query);
    return ok({ items: page.items.map(toReturnView), ...(page.cursor ? { cursor: page.cursor } : {}) });
  },
});
