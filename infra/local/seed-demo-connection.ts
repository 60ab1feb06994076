import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoConnectionRepository } from '../../functions/adapters/dynamodb/connection-repository.js';
import { EasyPostClient } from '../../functions/adapters/easypost/easypost-carrier.js';
import { KmsSecretSealer } from '../../functions/adapters/kms-secret-sealer.js';
import { WEBHOOK_PATHS } from '../../domain/integrations.js';
import { connectIntegration } from '../../functions/use-cases/manage-integrations.js';

/** The demo seller whose labels come from EasyPost (the stand-in), and its test-mode key there. */
export const DEMO_EASYPOST = { sellerId: 'demo-acme', apiKey: 'EZTK_demo_acme_local_stand_in' } as const;

export interface DemoEasyPostConnection {
  connectionId: string;
  webhookSecret: string;
}

/**
 * Connects the demo seller to EasyPost through the connection store, as `PUT /v1/integrations/easypost`
 * would (its secrets sealed by the local KMS). A connection from an earlier start keeps its id and
 * webhook secret, so the webhook the stand-in knows stays valid.
 */
export const seedDemoEasyPostConnection = async (table: {
  client: DynamoDBDocumentClient;
  tableName: string;
}): Promise<DemoEasyPostConnection> => {
  const connections = new DynamoConnectionRepository({ ...table, sealer: new KmsSecretSealer() });
  const existing = await connections.get(DEMO_EASYPOST.sellerId, 'easypost');
  const webhookSecret = existing?.secrets.webhookSecret ?? randomBytes(24).toString('base64url');
  const { connectionId } = await connectIntegration(
    { connections, clock: { now: () => new Date() }, connectPlatform: false },
    DEMO_EASYPOST.sellerId,
    'easypost',
    { apiKey: DEMO_EASYPOST.apiKey, webhookSecret },
    '',
  );
  return { connectionId, webhookSecret };
};

/**
 * Registers the connection's webhook URL with EasyPost (the stand-in), as the seller does once in
 * EasyPost's dashboard, so tracker events for the demo seller's labels reach the API.
 */
export const registerDemoWebhook = async (
  apiBase: string,
  apiUrl: string,
  connection: DemoEasyPostConnection,
): Promise<string> => {
  const url = `${apiUrl}${WEBHOOK_PATHS.easypost}/${connection.connectionId}`;
  const client = new EasyPostClient(DEMO_EASYPOST.apiKey, { baseUrl: apiBase });
  await client.Webhook.create({ url, webhook_secret: connection.webhookSecret });
  return url;
};
