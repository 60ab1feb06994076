import { makeOffer } from '../../use-cases/make-offer.js';
import { ROUTES } from '../api-routes.js';
import { sellerCommand } from '../http/seller-command.js';
import { created } from '../http/responses.js';
import { toReturnView } from '../return-view.js';
import { conversationDeps } from './conversation-deps.js';
import { withoutLinkNonce } from './conversation-views.js';

/** POST /v1/returns/{id}/offers: 201 with the offer and the return; the buyer is mailed its links. */
export const handler = sellerCommand(ROUTES.MakeOffer, {
  run: async ({ sellerId, params, body, idempotencyKey }) => {
    const { ret, offer } = await makeOffer(conversationDeps, sellerId, params.id, body, {
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    return created(
      { offer: withoutLinkNonce(offer), return: toReturnView(ret) },
      `/v1/returns/${ret.id}/messages`,
    );
  },
});
