import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { submitInspection } from '../use-cases/submit-inspection.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/inspection: record the seller's inspection result; 200 with the return, INSPECTED. */
export const handler = sellerCommand(ROUTES.SubmitInspection, {
  run: async ({ sellerId, params, body }) =>
    ok(toReturnView(await submitInspection({ returns, clock, pipeline }, sellerId, params.id, body))),
});
