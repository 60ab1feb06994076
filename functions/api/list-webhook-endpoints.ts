import { webhookEndpoints } from '../shared/dependencies/webhooks.js';
import { listWebhookEndpoints } from '../use-cases/manage-webhook-endpoints.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

/** GET /v1/webhook-endpoints: the seller's endpoints, without their secrets. */
export const handler = sellerEndpoint(ROUTES.ListWebhookEndpoints, {
  run: async ({ sellerId }) =>
    ok({ items: await listWebhookEndpoints({ endpoints: webhookEndpoints }, sellerId) }),
});
