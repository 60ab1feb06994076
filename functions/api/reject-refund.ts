import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { rejectRefund } from '../use-cases/reject-refund.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/refund/reject: a person rejects a refund; the return closes and the buyer learns why. */
export const handler = sellerCommand(ROUTES.RejectRefund, {
  run: async ({ sellerId, params, body }) => {
    const deps = { returns, clock, pipeline };
    return ok(toReturnView(await rejectRefund(deps, sellerId, params.id, body.reason)));
  },
});
