import { randomBytes } from 'node:crypto';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import {
  WEBHOOK_PATHS,
  splitConnection,
  type ConnectionBodies,
  type IntegrationProvider,
} from '../../domain/integrations.js';
import type { Clock, ConnectionDescription, ConnectionRepository } from '../../domain/ports.js';

export interface IntegrationDeps {
  connections: ConnectionRepository;
  clock: Clock;
}

/** A connection as the seller sees it: settings, never a secret, and the URL to register for webhooks. */
export const connectionView = (connection: ConnectionDescription, apiBaseUrl: string) => ({
  provider: connection.provider,
  connectionId: connection.connectionId,
  ...connection.settings,
  webhookUrl: `${apiBaseUrl}${WEBHOOK_PATHS[connection.provider]}/${connection.connectionId}`,
  createdAt: connection.createdAt,
  updatedAt: connection.updatedAt,
});

const newConnectionId = (): string => `conn_${randomBytes(18).toString('base64url')}`;

/**
 * Creates or replaces the seller's connection to a provider. A replacement (a rotated key) keeps the
 * connection id, so the webhook URL the seller registered with the provider stays valid.
 * `connectPlatform`: whether this region has a Stripe Connect platform key, which an `accountId` needs.
 */
export const connectIntegration = async <P extends IntegrationProvider>(
  deps: IntegrationDeps & { connectPlatform: boolean },
  sellerId: string,
  provider: P,
  body: ConnectionBodies[P],
  apiBaseUrl: string,
) => {
  if (!deps.connectPlatform && 'accountId' in body && body.accountId !== undefined) {
    throw new ValidationError('this region has no Stripe Connect platform key', [
      {
        field: 'accountId',
        rule: 'needs a Stripe Connect platform key in this region; send secretKey and webhookSecret',
      },
    ]);
  }
  const existing = await deps.connections.describe(sellerId, provider);
  const now = deps.clock.now().toISOString();
  const { settings, secrets } = (
    splitConnection[provider] as (
      b: ConnectionBodies[P],
    ) => ReturnType<(typeof splitConnection)[IntegrationProvider]>
  )(body);
  const connection = {
    sellerId,
    provider,
    connectionId: existing?.connectionId ?? newConnectionId(),
    settings,
    secrets,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.connections.put(connection);
  return connectionView(connection, apiBaseUrl);
};

export const describeIntegration = async (
  deps: Pick<IntegrationDeps, 'connections'>,
  sellerId: string,
  provider: IntegrationProvider,
  apiBaseUrl: string,
) => {
  const connection = await deps.connections.describe(sellerId, provider);
  if (!connection) throw new NotFoundError(`a ${provider} connection`);
  return connectionView(connection, apiBaseUrl);
};

/** Removes the connection; its webhook URL then verifies nothing, and payments or labels fall back. */
export const disconnectIntegration = async (
  deps: Pick<IntegrationDeps, 'connections'>,
  sellerId: string,
  provider: IntegrationProvider,
): Promise<void> => {
  if (!(await deps.connections.delete(sellerId, provider)))
    throw new NotFoundError(`a ${provider} connection`);
};
