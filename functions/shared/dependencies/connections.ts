import { documentClient, tableNameFromEnv } from '../../adapters/dynamodb/document-client.js';
import { DynamoConnectionRepository } from '../../adapters/dynamodb/connection-repository.js';
import { KmsSecretSealer } from '../../adapters/kms-secret-sealer.js';

/** Sellers' connections to Stripe and EasyPost, their secrets sealed under the region's KMS key. */
export const connections = new DynamoConnectionRepository({
  client: documentClient,
  tableName: tableNameFromEnv(),
  sealer: new KmsSecretSealer(),
});

/** Whether this region has a Stripe Connect platform key, so a seller may connect by account id. */
export const stripeConnectPlatform = (): boolean => Boolean(process.env.STRIPE_CONNECT_PLATFORM_KEY_ARN);
