import { PolicyBodySchema } from '../../domain/api-schemas.js';
import { clock, policies } from '../shared/dependencies.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

/**
 * PUT /v1/policy: replaces the policy of the marketplace named in the body. The write is conditional
 * on the version read, so two racing edits never silently overwrite each other (the loser gets 409).
 */
export const handler = sellerEndpoint({
  name: 'PutPolicy',
  body: { schema: PolicyBodySchema, required: true },
  run: async ({ sellerId, body }) => {
    const current = await policies.get(sellerId, body.marketplace);
    return ok(await policies.put(sellerId, body, current?.version ?? 0, clock.now().toISOString()));
  },
});
