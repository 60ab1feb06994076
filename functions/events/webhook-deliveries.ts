import middy from '@middy/core';
import { clock, notificationLedger, sellers } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { webhookDeliveries, webhookEndpoints, webhookTransport } from '../shared/dependencies/webhooks.js';
import { signingSecretSealer } from '../shared/dependencies/signing-secrets.js';
import { observe } from '../shared/observability.js';
import { deliverDueWebhooks } from '../use-cases/deliver-webhooks.js';
import { mailEndpointDisabled } from '../use-cases/endpoint-disabled-mail.js';

/** A try that takes longer fails (and is retried later); WEBHOOK_TIMEOUT_MS shortens it locally. */
const timeoutMs = Number(process.env.WEBHOOK_TIMEOUT_MS ?? 10_000);

const deps = {
  endpoints: webhookEndpoints,
  deliveries: webhookDeliveries,
  transport: webhookTransport,
  sealer: signingSecretSealer,
  clock,
  random: Math.random,
  timeoutMs,
  onDisabled: mailEndpointDisabled({ mailer, notifications: notificationLedger, sellers }),
};

/** One pass over the due deliveries (the schedule's, and the local poller's). */
export const deliverWebhooksPass = (): Promise<number> => deliverDueWebhooks(deps);

/** WebhookDeliveries (every minute): sends what is due, each chain on its own. */
export const handler = middy<unknown, { tries: number }>()
  .use(observe())
  .handler(async () => ({ tries: await deliverWebhooksPass() }));
