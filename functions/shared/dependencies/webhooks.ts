import { documentClient, tableNameFromEnv } from '../../adapters/dynamodb/document-client.js';
import { DynamoWebhookDeliveryRepository } from '../../adapters/dynamodb/webhook-deliveries.js';
import { DynamoWebhookEndpointRepository } from '../../adapters/dynamodb/webhook-endpoints.js';
import { GuardedWebhookTransport } from '../../adapters/webhook-transport.js';

/** The composition root of outgoing webhooks: endpoints, deliveries, and the one guarded way out. */
const table = { client: documentClient, tableName: tableNameFromEnv() };

export const webhookEndpoints = new DynamoWebhookEndpointRepository(table);
export const webhookDeliveries = new DynamoWebhookDeliveryRepository(table);
// Only npm start sets this: http to 127.0.0.1, where the local receiver listens. A stack never does.
export const webhookTransport = new GuardedWebhookTransport({
  allowLocalHttp: process.env.WEBHOOKS_ALLOW_LOCAL_HTTP === 'true',
});
