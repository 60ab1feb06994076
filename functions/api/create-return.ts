import { CreateReturnSchema } from '../../domain/return-request.js';
import { clock, policies, returns } from '../shared/dependencies.js';
import { createReturn } from '../use-cases/create-return.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { created } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns: open a return request; the policy decides, and says why. */
export const handler = sellerEndpoint({
  name: 'CreateReturn',
  body: { schema: CreateReturnSchema, required: true },
  run: async ({ sellerId, body }) => {
    const ret = await createReturn({ returns, policies, clock }, sellerId, body);
    return created(toReturnView(ret), `/v1/returns/${ret.id}`);
  },
});
