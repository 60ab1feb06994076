import { clock } from '../shared/dependencies/data.js';
import { webhookEndpoints, webhookTransport } from '../shared/dependencies/webhooks.js';
import { signingSecretSealer } from '../shared/dependencies/signing-secrets.js';
import { createWebhookEndpoint } from '../use-cases/manage-webhook-endpoints.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { created } from './http/responses.js';

/**
 * POST /v1/webhook-endpoints: registers a URL for some events; the signing secret is in this answer only
 * (and in a keyed retry's, from a sealed record).
 */
export const handler = sellerCommand(ROUTES.CreateWebhookEndpoint, {
  answerSealer: signingSecretSealer,
  run: async ({ sellerId, body }) => {
    const endpoint = await createWebhookEndpoint(
      { endpoints: webhookEndpoints, transport: webhookTransport, clock, sealer: signingSecretSealer },
      sellerId,
      body,
    );
    return created(endpoint, `/v1/webhook-endpoints/${endpoint.id}`);
  },
});
