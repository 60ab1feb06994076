import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { approveRefund } from '../use-cases/approve-refund.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/refund/approve: a person approves a refund above the high-value threshold. */
export const handler = sellerCommand(ROUTES.ApproveRefund, {
  run: async ({ sellerId, params }) =>
    ok(toReturnView(await approveRefund({ returns, clock, pipeline }, sellerId, params.id))),
});
