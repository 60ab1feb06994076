import { clock, notificationLedger, returns, sellers } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { markRefundPaid } from '../use-cases/mark-refund-paid.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/refund/mark-paid: the seller paid a refund by hand; the buyer is told, once. */
export const handler = sellerCommand(ROUTES.MarkRefundPaid, {
  run: async ({ sellerId, params, body }) => {
    const deps = { returns, sellers, clock, mailer, notifications: notificationLedger, pipeline };
    return ok(toReturnView(await markRefundPaid(deps, sellerId, params.id, body)));
  },
});
