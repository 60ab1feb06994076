import { clock } from '../shared/dependencies/data.js';
import { webhookDeliveries, webhookEndpoints } from '../shared/dependencies/webhooks.js';
import { retryWebhookDelivery } from '../use-cases/manage-webhook-endpoints.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';

/** POST /v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry: sends one delivery again, now. */
export const handler = sellerCommand(ROUTES.RetryWebhookDelivery, {
  run: async ({ sellerId, params }) =>
    ok(
      await retryWebhookDelivery(
        { endpoints: webhookEndpoints, deliveries: webhookDeliveries, clock },
        sellerId,
        params.id,
        params.deliveryId,
      ),
    ),
});
