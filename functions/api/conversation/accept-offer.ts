import { ROUTES } from '../api-routes.js';
import { sellerCommand } from '../http/seller-command.js';
import { relayAnswer } from './relay-answer.js';

/** POST /v1/returns/{id}/offers/{offerId}/accept: the buyer accepts (relayed by the storefront). */
export const handler = sellerCommand(ROUTES.AcceptOffer, relayAnswer('ACCEPT'));
