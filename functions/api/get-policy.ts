import { policies } from '../shared/dependencies/data.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

/** GET /v1/policy: the seller's return policy for each marketplace it sells on. */
export const handler = sellerEndpoint(ROUTES.GetPolicy, {
  run: async ({ sellerId }) => ok({ items: await policies.list(sellerId) }),
});
