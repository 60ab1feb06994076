import { clock, policies } from '../shared/dependencies/data.js';
import { regionFromEnv } from '../shared/region.js';
import { setPolicy } from '../use-cases/set-policy.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

const region = regionFromEnv();

/** PUT /v1/policy: replaces the policy of the marketplace named in the body. */
export const handler = sellerEndpoint(ROUTES.PutPolicy, {
  run: async ({ sellerId, body }) => ok(await setPolicy({ policies, clock, region }, sellerId, body)),
});
