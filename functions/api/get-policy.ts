import { policies } from '../shared/dependencies/data.js';
import { sellerHandler } from './http/seller-handler.js';
import { ok } from './http/responses.js';

/** GET /v1/policy: the seller's return policy for each marketplace it sells on. */
export const handler = sellerHandler({
  name: 'GetPolicy',
  run: async ({ sellerId }) => ok({ items: await policies.list(sellerId) }),
});
