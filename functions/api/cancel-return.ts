import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { labels } from '../shared/dependencies/carrier.js';
import { cancelReturn } from '../use-cases/cancel-return.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/cancel: the buyer withdrew the request (relayed by the storefront); the seller is told (by its event). */
export const handler = sellerCommand(ROUTES.CancelReturn, {
  run: async ({ sellerId, params, body }) =>
    ok(toReturnView(await cancelReturn({ returns, clock, pipeline, labels }, sellerId, params.id, body))),
});
