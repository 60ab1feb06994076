import { clock } from '../shared/dependencies/data.js';
import { webhookEndpoints } from '../shared/dependencies/webhooks.js';
import { signingSecretSealer } from '../shared/dependencies/signing-secrets.js';
import { rotateWebhookSecret } from '../use-cases/manage-webhook-endpoints.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';

/**
 * POST /v1/webhook-endpoints/{id}/rotate-secret: a new secret, shown once (a keyed retry gets it again,
 * from a sealed record); the old one signs 24 h more.
 */
export const handler = sellerCommand(ROUTES.RotateWebhookSecret, {
  answerSealer: signingSecretSealer,
  run: async ({ sellerId, params }) =>
    ok(
      await rotateWebhookSecret(
        { endpoints: webhookEndpoints, clock, sealer: signingSecretSealer },
        sellerId,
        params.id,
      ),
    ),
});
