import { clock, returns } from '../shared/dependencies/data.js';
import { shipReplacement } from '../use-cases/ship-replacement.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/replacement/shipped: the replacement went out; the return completes (its event mails the buyer). */
export const handler = sellerCommand(ROUTES.ShipReplacement, {
  run: async ({ sellerId, params, body }) => {
    return ok(toReturnView(await shipReplacement({ returns, clock }, sellerId, params.id, body)));
  },
});
