import { ReturnIdParamsSchema } from '../../domain/api-schemas.js';
import { NotFoundError } from '../../domain/errors.js';
import { returns } from '../shared/dependencies/data.js';
import { sellerHandler } from './http/seller-handler.js';
import { ok } from './http/responses.js';

/** GET /v1/returns/{id}/events: the timeline, oldest first: who did what, when and why. */
export const handler = sellerHandler({
  name: 'ListReturnEvents',
  params: ReturnIdParamsSchema,
  run: async ({ sellerId, params }) => {
    const ret = await returns.get(sellerId, params.id);
    if (!ret) throw new NotFoundError(`return ${params.id}`);
    return ok({ id: ret.id, status: ret.status, items: ret.timeline });
  },
});
