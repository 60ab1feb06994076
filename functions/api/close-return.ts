import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { labels } from '../shared/dependencies/carrier.js';
import { closeReturn } from '../use-cases/close-return.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/close: the seller declines the request; the buyer is e-mailed why (by its event). */
export const handler = sellerCommand(ROUTES.CloseReturn, {
  run: async ({ sellerId, params, body }) =>
    ok(toReturnView(await closeReturn({ returns, clock, pipeline, labels }, sellerId, params.id, body))),
});
