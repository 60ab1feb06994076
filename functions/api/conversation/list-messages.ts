import { NotFoundError } from '../../../domain/errors.js';
import { returns } from '../../shared/dependencies/data.js';
import { ROUTES } from '../api-routes.js';
import { sellerEndpoint } from '../http/seller-endpoint.js';
import { ok } from '../http/responses.js';
import { withoutLinkNonce } from './conversation-views.js';

/** GET /v1/returns/{id}/messages: the thread, oldest first, and the offers. */
export const handler = sellerEndpoint(ROUTES.ListMessages, {
  run: async ({ sellerId, params }) => {
    const ret = await returns.get(sellerId, params.id);
    if (!ret) throw new NotFoundError(`return ${params.id}`);
    return ok({
      items: (ret.messages ?? []).map(withoutLinkNonce),
      offers: (ret.offers ?? []).map(withoutLinkNonce),
    });
  },
});
