import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryRef, WebhookDeliveryRepository } from '../../../domain/ports.js';
import {
  WebhookDeliverySchema,
  WebhookDeliveryViewSchema,
  type WebhookDelivery,
  type WebhookDeliveryView,
} from '../../../domain/webhooks/webhook-delivery.js';
import {
  DELIVERY_SK_PREFIX,
  ENTITY_ATTRIBUTE,
  GSI,
  PARTITION_KEY,
  SORT_KEY,
  deliveryChainPk,
  dueDeliveriesPartitions,
  endpointDeliveriesPartitions,
  webhookDeliveryIndexKeys,
  webhookDeliveryKey,
  withoutStorageAttributes,
  type Entity,
} from './table-design.js';

const toDelivery = (item: Record<string, unknown>): WebhookDelivery =>
  WebhookDeliverySchema.parse(withoutStorageAttributes(item));

/** `{nextAttemptAt}#WEBHOOK#{endpointId}#RETURN#{returnId}#{sequence}`, the due index's sort key. */
const refOfDueKey = (sortKey: string): DeliveryRef => {
  const match = /#WEBHOOK#(.+)#RETURN#(.+)#(\d+)$/.exec(sortKey);
  if (!match) throw new Error(`not a due-delivery key: ${sortKey}`);
  return { endpointId: match[1]!, returnId: match[2]!, sequence: Number(match[3]) };
};

/**
 * Webhook deliveries: one item per event and endpoint, under a partition per endpoint and return (its
 * chain, in sequence order), in the sparse due index while PENDING, and listed per endpoint over
 * DELIVERY_SHARDS shards. Every change is conditional on the attempts and the next time it read, so two
 * workers never both claim or record a try.
 */
export class DynamoWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(private readonly table: { client: DynamoDBDocumentClient; tableName: string }) {}

  async createOnce(delivery: WebhookDelivery): Promise<void> {
    try {
      await this.write(delivery, 'attribute_not_exists(#pk)', { '#pk': PARTITION_KEY });
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async get(ref: DeliveryRef): Promise<WebhookDelivery | undefined> {
    const { Item: item } = await this.table.client.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: webhookDeliveryKey(ref.endpointId, ref.returnId, ref.sequence),
        ConsistentRead: true,
      }),
    );
    return item ? toDelivery(item) : undefined;
  }

  async chainHead(endpointId: string, returnId: string): Promise<WebhookDelivery | undefined> {
    const { Items: items = [] } = await this.table.client.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        FilterExpression: '#status = :pending',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY, '#status': 'status' },
        ExpressionAttributeValues: {
          ':pk': deliveryChainPk(endpointId, returnId),
          ':prefix': DELIVERY_SK_PREFIX,
          ':pending': 'PENDING',
        },
        ConsistentRead: true,
      }),
    );
    const head = items[0];
    return head ? toDelivery(head) : undefined;
  }

  async due(now: Date, limit: number): Promise<DeliveryRef[]> {
    const pages = await Promise.all(
      dueDeliveriesPartitions().map((pk) =>
        this.table.client.send(
          new QueryCommand({
            TableName: this.table.tableName,
            IndexName: GSI.dueDeliveries.indexName,
            KeyConditionExpression: '#pk = :pk AND #sk < :now',
            ExpressionAttributeNames: {
              '#pk': GSI.dueDeliveries.partitionKey,
              '#sk': GSI.dueDeliveries.sortKey,
            },
            ExpressionAttributeValues: { ':pk': pk, ':now': `${now.toISOString()}~` },
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((page) => page.Items ?? [])
      .map((item) => String(item[GSI.dueDeliveries.sortKey]))
      .sort()
      .slice(0, limit)
      .map(refOfDueKey);
  }

  async update(delivery: WebhookDelivery, read: WebhookDelivery): Promise<boolean> {
    const next = read.nextAttemptAt === undefined ? 'attribute_not_exists(#next)' : '#next = :next';
    try {
      await this.write(
        delivery,
        `size(#attempts) = :expected AND ${next}`,
        { '#attempts': 'attempts', '#next': 'nextAttemptAt' },
        {
          ':expected': read.attempts.length,
          ...(read.nextAttemptAt === undefined ? {} : { ':next': read.nextAttemptAt }),
        },
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async listForEndpoint(endpointId: string, limit: number): Promise<WebhookDeliveryView[]> {
    const index = GSI.endpointDeliveries;
    const pages = await Promise.all(
      endpointDeliveriesPartitions(endpointId).map((pk) =>
        this.table.client.send(
          new QueryCommand({
            TableName: this.table.tableName,
            IndexName: index.indexName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': index.partitionKey },
            ExpressionAttributeValues: { ':pk': pk },
            ScanIndexForward: false,
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((page) => page.Items ?? [])
      .sort((a, b) => String(b[index.sortKey]).localeCompare(String(a[index.sortKey])))
      .slice(0, limit)
      .map((item) => WebhookDeliveryViewSchema.parse(withoutStorageAttributes(item)));
  }

  private async write(
    delivery: WebhookDelivery,
    condition: string,
    names: Record<string, string>,
    values?: Record<string, unknown>,
  ): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...delivery,
          ...webhookDeliveryKey(delivery.endpointId, delivery.returnId, delivery.sequence),
          ...webhookDeliveryIndexKeys(delivery),
          [ENTITY_ATTRIBUTE]: 'WEBHOOK_DELIVERY' satisfies Entity,
        },
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ...(values ? { ExpressionAttributeValues: values } : {}),
      }),
    );
  }
}
