import { answerOffer, type OfferAnswer } from '../../use-cases/answer-offer.js';
import type { ROUTES } from '../api-routes.js';
import type { Endpoint } from '../http/seller-endpoint.js';
import { ok } from '../http/responses.js';
import { toReturnView } from '../return-view.js';
import { answerDeps } from './answer-deps.js';

/** The storefront relays the buyer's answer to an offer, as it relays a cancellation. */
export const relayAnswer = (
  answer: OfferAnswer,
): Endpoint<typeof ROUTES.AcceptOffer | typeof ROUTES.DeclineOffer> => ({
  run: async ({ sellerId, params, correlationId }) => {
    const { ret } = await answerOffer(answerDeps, sellerId, params.id, params.offerId, answer, {
      via: 'API',
      correlationId,
    });
    return ok(toReturnView(ret));
  },
});
