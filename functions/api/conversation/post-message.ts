import { postMessage } from '../../use-cases/post-message.js';
import { ROUTES } from '../api-routes.js';
import { sellerCommand } from '../http/seller-command.js';
import { created } from '../http/responses.js';
import { conversationDeps } from './conversation-deps.js';
import { withoutLinkNonce } from './conversation-views.js';

/** POST /v1/returns/{id}/messages: 201 with the message; it is mailed (the buyer's with a reply link). */
export const handler = sellerCommand(ROUTES.PostMessage, {
  run: async ({ sellerId, params, body, idempotencyKey }) => {
    const { message } = await postMessage(conversationDeps, sellerId, params.id, body, {
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    return created(withoutLinkNonce(message), `/v1/returns/${params.id}/messages`);
  },
});
