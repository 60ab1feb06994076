import { webhookDeliveries, webhookEndpoints } from '../shared/dependencies/webhooks.js';
import { listWebhookDeliveries } from '../use-cases/manage-webhook-endpoints.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

/** GET /v1/webhook-endpoints/{id}/deliveries: each delivery, newest first, with every attempt logged. */
export const handler = sellerEndpoint(ROUTES.ListWebhookDeliveries, {
  run: async ({ sellerId, params }) =>
    ok({
      items: await listWebhookDeliveries(
        { endpoints: webhookEndpoints, deliveries: webhookDeliveries },
        sellerId,
        params.id,
      ),
    }),
});
