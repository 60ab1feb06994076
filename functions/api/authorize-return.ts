import { AuthorizeBodySchema, ReturnIdParamsSchema } from '../../domain/api-schemas.js';
import { clock, returns } from '../shared/dependencies.js';
import { applyCommand } from '../use-cases/apply-command.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/authorize: the seller accepts the request, optionally as a returnless refund. */
export const handler = sellerEndpoint({
  name: 'AuthorizeReturn',
  params: ReturnIdParamsSchema,
  body: { schema: AuthorizeBodySchema, required: false },
  run: async ({ sellerId, params, body }) => {
    const ret = await applyCommand(
      { returns, clock },
      sellerId,
      params.id,
      { type: 'AUTHORIZE', ...body },
      { kind: 'seller', id: sellerId },
    );
    return ok(toReturnView(ret));
  },
});
