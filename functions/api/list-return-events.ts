import { NotFoundError } from '../../domain/errors.js';
import { returns } from '../shared/dependencies/data.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

/** GET /v1/returns/{id}/events: the timeline, oldest first: who did what, when and why. */
export const handler = sellerEndpoint(ROUTES.ListReturnEvents, {
  run: async ({ sellerId, params }) => {
    const ret = await returns.get(sellerId, params.id);
    if (!ret) throw new NotFoundError(`return ${params.id}`);
    return ok({ id: ret.id, status: ret.status, items: ret.timeline });
  },
});
