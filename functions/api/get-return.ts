import { ReturnIdParamsSchema } from '../../domain/api-schemas.js';
import { NotFoundError } from '../../domain/errors.js';
import { returns } from '../shared/dependencies/data.js';
import { sellerHandler } from './http/seller-handler.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** GET /v1/returns/{id}: another seller's return is as absent as one that never existed. */
export const handler = sellerHandler({
  name: 'GetReturn',
  params: ReturnIdParamsSchema,
  run: async ({ sellerId, params }) => {
    const ret = await returns.get(sellerId, params.id);
    if (!ret) throw new NotFoundError(`return ${params.id}`);
    return ok(toReturnView(ret));
  },
});
