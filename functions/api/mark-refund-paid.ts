import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { markRefundPaid } from '../use-cases/mark-refund-paid.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/refund/mark-paid: the seller paid a refund by hand; the buyer is told (by its event), once. */
export const handler = sellerCommand(ROUTES.MarkRefundPaid, {
  run: async ({ sellerId, params, body }) => {
    return ok(toReturnView(await markRefundPaid({ returns, clock, pipeline }, sellerId, params.id, body)));
  },
});
