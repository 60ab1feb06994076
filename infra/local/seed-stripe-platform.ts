import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripeClient } from '../../functions/adapters/stripe/stripe-client.js';
import { REFUND_EVENT_TYPES } from '../../functions/webhooks/stripe-event.js';
import { WEBHOOK_PATHS } from '../../domain/integrations.js';
import type { SecretsManagerStandIn } from './stand-ins/secrets-manager.js';

/** The Secrets Manager secret's name, as an admin would create it for a region (README: Stripe Connect). */
export const LOCAL_PLATFORM_SECRET_NAME = 'returns-local/stripe-connect-platform';

interface SavedPlatform {
  secretKey: string;
  webhookSecret: string;
  endpointId: string;
}

/**
 * A Stripe Connect platform at the Stripe stand-in, set up as an admin sets one up for a region: a
 * platform key (kept in `<dataDir>/stripe-platform.json`, so the stand-in's connected accounts stay
 * its own across restarts), a Connect webhook endpoint at Stripe for the API's
 * `/v1/webhooks/payments/stripe/connect` (its URL following the API's port), and the secret
 * `{ secretKey, webhookSecret }` in the Secrets Manager stand-in. Answers the secret's ARN, for
 * STRIPE_CONNECT_PLATFORM_KEY_ARN.
 */
export const setUpStripePlatform = async (
  dataDir: string,
  api: string,
  stripeApiBase: string,
  secretsManager: SecretsManagerStandIn,
): Promise<string> => {
  const file = join(dataDir, 'stripe-platform.json');
  const url = `${api}${WEBHOOK_PATHS.stripe}/connect`;
  let saved = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as SavedPlatform,
    () => undefined,
  );
  if (saved) {
    await stripeClient({ secretKey: saved.secretKey }, stripeApiBase).webhookEndpoints.update(
      saved.endpointId,
      {
        url,
      },
    );
  } else {
    const secretKey = `sk_test_platform${randomBytes(12).toString('hex')}`;
    const endpoint = await stripeClient({ secretKey }, stripeApiBase).webhookEndpoints.create({
      url,
      enabled_events: [...REFUND_EVENT_TYPES],
      connect: true,
    });
    saved = { secretKey, webhookSecret: endpoint.secret!, endpointId: endpoint.id };
    await writeFile(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  }
  return secretsManager.create(
    LOCAL_PLATFORM_SECRET_NAME,
    JSON.stringify({ secretKey: saved.secretKey, webhookSecret: saved.webhookSecret }),
  );
};
