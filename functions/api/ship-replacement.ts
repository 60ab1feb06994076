import { clock, notificationLedger, returns, sellers } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { shipReplacement } from '../use-cases/ship-replacement.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/replacement/shipped: the replacement went out; the return completes, the buyer is told. */
export const handler = sellerCommand(ROUTES.ShipReplacement, {
  run: async ({ sellerId, params, body }) => {
    const deps = { returns, sellers, clock, mailer, notifications: notificationLedger };
    return ok(toReturnView(await shipReplacement(deps, sellerId, params.id, body)));
  },
});
