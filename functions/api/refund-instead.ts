import { clock, policies, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { refundInstead } from '../use-cases/refund-instead.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/replacement/refund: the replacement cannot be sent; the buyer is refunded, once. */
export const handler = sellerCommand(ROUTES.RefundInstead, {
  run: async ({ sellerId, params, body, correlationId }) => {
    const deps = { returns, clock, pipeline, policies };
    return ok(toReturnView(await refundInstead(deps, sellerId, params.id, body, correlationId)));
  },
});
