import { PolicyBodySchema } from '../../domain/api-schemas.js';
import { clock, policies } from '../shared/dependencies/data.js';
import { regionFromEnv } from '../shared/region.js';
import { setPolicy } from '../use-cases/set-policy.js';
import { sellerHandler } from './http/seller-handler.js';
import { ok } from './http/responses.js';

const region = regionFromEnv();

/** PUT /v1/policy: replaces the policy of the marketplace named in the body. */
export const handler = sellerHandler({
  name: 'PutPolicy',
  body: { schema: PolicyBodySchema, required: true },
  run: async ({ sellerId, body }) => ok(await setPolicy({ policies, clock, region }, sellerId, body)),
});
