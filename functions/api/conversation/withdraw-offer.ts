import { withdrawOffer } from '../../use-cases/make-offer.js';
import { ROUTES } from '../api-routes.js';
import { sellerCommand } from '../http/seller-command.js';
import { ok } from '../http/responses.js';
import { toReturnView } from '../return-view.js';
import { conversationDeps } from './conversation-deps.js';

/** POST /v1/returns/{id}/offers/{offerId}/withdraw: the offer's links stop working at once. */
export const handler = sellerCommand(ROUTES.WithdrawOffer, {
  run: async ({ sellerId, params }) =>
    ok(toReturnView(await withdrawOffer(conversationDeps, sellerId, params.id, params.offerId))),
});
