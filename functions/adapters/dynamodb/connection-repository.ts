import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import { INTEGRATION_PROVIDERS, type IntegrationProvider } from '../../../domain/integrations.js';
import type {
  ConnectionDescription,
  ConnectionRepository,
  IntegrationConnection,
  SecretSealer,
} from '../../../domain/ports.js';
import {
  ENTITY_ATTRIBUTE,
  connectionDirectoryKey,
  connectionKey,
  withoutStorageAttributes,
} from './table-design.js';

const DescriptionSchema = z.object({
  sellerId: z.string(),
  provider: z.enum(INTEGRATION_PROVIDERS),
  connectionId: z.string(),
  settings: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodMiniType<ConnectionDescription>;

const StoredSchema = z.extend(DescriptionSchema, { sealed: z.optional(z.string()) });

const SecretsSchema = z.record(z.string(), z.string());

/** What a sealed value is bound to: a copy onto another seller's or connection's item does not open. */
const sealContext = (c: ConnectionDescription): Record<string, string> => ({
  sellerId: c.sellerId,
  provider: c.provider,
  connectionId: c.connectionId,
});

/**
 * Sellers' connections: one item in the seller's partition with the secrets sealed as one KMS
 * ciphertext (a KMS-encrypted attribute; docs/design.md §12 says why not a Secrets Manager secret per
 * seller), and a directory item per connection id for the webhooks whose URL names only the connection.
 * Two single-item writes, the directory first: the seller's item is the record of truth, and a
 * directory entry is believed only when the seller's item still names that connection.
 */
export class DynamoConnectionRepository implements ConnectionRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly sealer: SecretSealer;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; sealer: SecretSealer }) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.sealer = options.sealer;
  }

  async describe(
    sellerId: string,
    provider: IntegrationProvider,
  ): Promise<ConnectionDescription | undefined> {
    const stored = await this.read(sellerId, provider);
    if (!stored) return undefined;
    const { sealed: _sealed, ...description } = stored;
    return description;
  }

  async get(sellerId: string, provider: IntegrationProvider): Promise<IntegrationConnection | undefined> {
    const stored = await this.read(sellerId, provider);
    if (!stored) return undefined;
    const { sealed, ...description } = stored;
    const secrets = sealed
      ? SecretsSchema.parse(JSON.parse(await this.sealer.open(sealed, sealContext(description))))
      : {};
    return { ...description, secrets };
  }

  async getById(
    provider: IntegrationProvider,
    connectionId: string,
  ): Promise<IntegrationConnection | undefined> {
    const { Item: entry } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: connectionDirectoryKey(provider, connectionId) }),
    );
    if (typeof entry?.sellerId !== 'string') return undefined;
    const connection = await this.get(entry.sellerId, provider);
    return connection?.connectionId === connectionId ? connection : undefined;
  }

  async put(connection: IntegrationConnection): Promise<void> {
    const { secrets, ...description } = connection;
    const record = DescriptionSchema.parse(description);
    const sealed =
      Object.keys(secrets).length > 0
        ? await this.sealer.seal(JSON.stringify(secrets), sealContext(record))
        : undefined;
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          sellerId: record.sellerId,
          ...connectionDirectoryKey(record.provider, record.connectionId),
          [ENTITY_ATTRIBUTE]: 'CONNECTION_DIRECTORY',
        },
      }),
    );
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...record,
          ...(sealed ? { sealed } : {}),
          ...connectionKey(record.sellerId, record.provider),
          [ENTITY_ATTRIBUTE]: 'CONNECTION',
        },
      }),
    );
  }

  async delete(sellerId: string, provider: IntegrationProvider): Promise<boolean> {
    const { Attributes: old } = await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: connectionKey(sellerId, provider),
        ReturnValues: 'ALL_OLD',
      }),
    );
    if (typeof old?.connectionId !== 'string') return false;
    // Harmless if this fails: a directory entry whose seller item is gone names nothing (getById).
    await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: connectionDirectoryKey(provider, old.connectionId),
      }),
    );
    return true;
  }

  private async read(sellerId: string, provider: IntegrationProvider) {
    const { Item: item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: connectionKey(sellerId, provider),
        ConsistentRead: true,
      }),
    );
    return item ? StoredSchema.parse(withoutStorageAttributes(item)) : undefined;
  }
}
