import { webhookEndpoints } from '../shared/dependencies/webhooks.js';
import { deleteWebhookEndpoint } from '../use-cases/manage-webhook-endpoints.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

/** DELETE /v1/webhook-endpoints/{id}: no more deliveries to it; what is pending fails as deleted. */
export const handler = sellerEndpoint(ROUTES.DeleteWebhookEndpoint, {
  run: async ({ sellerId, params }) => {
    await deleteWebhookEndpoint({ endpoints: webhookEndpoints }, sellerId, params.id);
    return ok({ id: params.id, deleted: true });
  },
});
