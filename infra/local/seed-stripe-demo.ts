import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripeClient } from '../../functions/adapters/stripe/stripe-client.js';
import { REFUND_EVENT_TYPES } from '../../functions/webhooks/stripe-event.js';

/** The demo seller refunded through Stripe; the other demo seller pays refunds by hand. */
export const STRIPE_DEMO_SELLER = 'demo-acme';

interface ConnectionView {
  connectionId: string;
  webhookUrl: string;
}

const integration = async (
  api: string,
  apiKey: string,
  body?: unknown,
): Promise<ConnectionView | undefined> => {
  const response = await fetch(`${api}/v1/integrations/stripe`, {
    method: body ? 'PUT' : 'GET',
    headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 404 && !body) return undefined;
  if (!response.ok)
    throw new Error(`${body ? 'PUT' : 'GET'} /v1/integrations/stripe answered ${response.status}`);
  return (await response.json()) as ConnectionView;
};

/**
 * Connects the Stripe demo seller to the Stripe API at `stripeApiBase` as a seller would, through the
 * public API: a test-mode key of its own (kept in `<dataDir>/stripe-demo.json`), `PUT
 * /v1/integrations/stripe`, a webhook endpoint at Stripe for the connection's `webhookUrl` (for the
 * refund events), and the endpoint's signing secret saved with a second PUT (the connection id, and so
 * the URL, stay). On later starts the endpoint's URL follows the API's port. Answers the key.
 */
export const connectStripeDemo = async (
  dataDir: string,
  api: string,
  apiKey: string,
  stripeApiBase: string,
) => {
  const file = join(dataDir, 'stripe-demo.json');
  const saved = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as { secretKey: string },
    () => undefined,
  );
  const secretKey = saved?.secretKey ?? `sk_test_demo${randomBytes(12).toString('hex')}`;
  if (!saved) await writeFile(file, `${JSON.stringify({ secretKey }, null, 2)}\n`);
  const stripe = stripeClient(secretKey, stripeApiBase);

  const connection =
    (await integration(api, apiKey)) ??
    (await integration(api, apiKey, {
      secretKey,
      webhookSecret: `whsec_pending${randomBytes(12).toString('hex')}`,
    }))!;
  const endpoints = await stripe.webhookEndpoints.list({ limit: 100 });
  const registered = endpoints.data.find((e) => e.url.endsWith(`/${connection.connectionId}`));
  if (registered) {
    if (registered.url !== connection.webhookUrl)
      await stripe.webhookEndpoints.update(registered.id, { url: connection.webhookUrl });
    return secretKey;
  }
  const endpoint = await stripe.webhookEndpoints.create({
    url: connection.webhookUrl,
    enabled_events: [...REFUND_EVENT_TYPES],
  });
  await integration(api, apiKey, { secretKey, webhookSecret: endpoint.secret });
  return secretKey;
};
