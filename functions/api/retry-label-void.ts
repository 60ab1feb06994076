import { clock, returns } from '../shared/dependencies/data.js';
import { labels } from '../shared/dependencies/carrier.js';
import { retryLabelVoid } from '../use-cases/retry-label-void.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/label/void: try again to void an unused label whose void FAILED. */
export const handler = sellerCommand(ROUTES.RetryLabelVoid, {
  run: async ({ sellerId, params }) =>
    ok(toReturnView(await retryLabelVoid({ returns, clock, labels }, sellerId, params.id))),
});
