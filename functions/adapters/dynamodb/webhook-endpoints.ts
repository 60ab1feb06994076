import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { WebhookEndpointRepository } from '../../../domain/ports.js';
import { WebhookEndpointSchema, type WebhookEndpoint } from '../../../domain/webhooks/webhook-endpoint.js';
import {
  ENTITY_ATTRIBUTE,
  SORT_KEY,
  PARTITION_KEY,
  WEBHOOK_ENDPOINT_SK_PREFIX,
  webhookEndpointKey,
  webhookEndpointsPk,
  withoutStorageAttributes,
  type Entity,
} from './table-design.js';

const toEndpoint = (item: Record<string, unknown>): WebhookEndpoint =>
  WebhookEndpointSchema.parse(withoutStorageAttributes(item));

/**
 * A seller's webhook endpoints, in one partition of their own: a handful per seller, read with one Query
 * for every event dispatched (strongly consistent, so a deleted endpoint gets nothing more), written only
 * when the seller changes one or a delivery disables it.
 *
 * The signing secrets arrive sealed (KMS, bound to the seller and the endpoint: docs/design.md §15) and
 * are stored as they came; this adapter never sees a plaintext secret.
 */
export class DynamoWebhookEndpointRepository implements WebhookEndpointRepository {
  constructor(private readonly table: { client: DynamoDBDocumentClient; tableName: string }) {}

  async get(sellerId: string, id: string): Promise<WebhookEndpoint | undefined> {
    const { Item: item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: webhookEndpointKey(sellerId, id),
        ConsistentRead: true,
      }),
    );
    return item ? toEndpoint(item) : undefined;
  }

  async list(sellerId: string): Promise<WebhookEndpoint[]> {
    const { Items: items = [] } = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
        ExpressionAttributeValues: {
          ':pk': webhookEndpointsPk(sellerId),
          ':prefix': WEBHOOK_ENDPOINT_SK_PREFIX,
        },
        ConsistentRead: true,
      }),
    );
    return items.map(toEndpoint);
  }

  async put(endpoint: WebhookEndpoint): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...endpoint,
          ...webhookEndpointKey(endpoint.sellerId, endpoint.id),
          [ENTITY_ATTRIBUTE]: 'WEBHOOK_ENDPOINT' satisfies Entity,
        },
      }),
    );
  }

  async delete(sellerId: string, id: string): Promise<boolean> {
    const { Attributes: old } = await this.table.client.send(
      new DeleteCommand({
        TableName: this.table.tableName,
        Key: webhookEndpointKey(sellerId, id),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return old !== undefined;
  }
}
