import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import { ConcurrencyConflictError } from '../../../domain/errors.js';
import type { EventOutbox, ReturnRef } from '../../../domain/ports.js';
import type { Return } from '../../../domain/return.js';
import { GSI, pendingEventsKeys, pendingEventsPartitions, returnKey } from './table-design.js';

const RefSchema = z.object({ sellerId: z.string(), id: z.string() });
const INDEX = GSI.pendingEvents;

/**
 * The outbox on the return item. A drain is one conditional UpdateItem on the version and the drain count
 * it read: it rewrites the pending list without the dispatched events, counts the drain (which makes a
 * writer that read before it lose its race, see DynamoReturnRepository.update) and moves or removes the
 * item's pending-events index keys. The version stays: a drain is no change of the return.
 */
export class DynamoEventOutbox implements EventOutbox {
  constructor(private readonly table: { client: DynamoDBDocumentClient; tableName: string }) {}

  async drain(ret: Return, eventIds: readonly string[]): Promise<void> {
    const outbox = ret.outbox;
    if (!outbox || eventIds.length === 0) return;
    const pending = outbox.pending.filter((event) => !eventIds.includes(event.id));
    const keys = pendingEventsKeys({ id: ret.id, outbox: { ...outbox, pending } });
    const names = {
      '#version': 'version',
      '#outbox': 'outbox',
      '#drains': 'drains',
      '#pending': 'pending',
      '#ipk': INDEX.partitionKey,
      '#isk': INDEX.sortKey,
    };
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: returnKey(ret.sellerId, ret.id),
          UpdateExpression: keys
            ? 'SET #outbox.#pending = :pending, #outbox.#drains = :next, #ipk = :ipk, #isk = :isk'
            : 'SET #outbox.#pending = :pending, #outbox.#drains = :next REMOVE #ipk, #isk',
          ConditionExpression: '#version = :version AND #outbox.#drains = :drains',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':pending': pending,
            ':next': outbox.drains + 1,
            ':version': ret.version,
            ':drains': outbox.drains,
            ...(keys ? { ':ipk': keys[INDEX.partitionKey], ':isk': keys[INDEX.sortKey] } : {}),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ConcurrencyConflictError(`return ${ret.id}`);
      throw error;
    }
  }

  /** One Query per shard of the sparse index, merged oldest first. */
  async pending(before: Date, limit: number): Promise<ReturnRef[]> {
    const pages = await Promise.all(
      pendingEventsPartitions().map((pk) =>
        this.table.client.send(
          new QueryCommand({
            TableName: this.table.tableName,
            IndexName: INDEX.indexName,
            KeyConditionExpression: '#pk = :pk AND #sk < :before',
            ExpressionAttributeNames: { '#pk': INDEX.partitionKey, '#sk': INDEX.sortKey },
            ExpressionAttributeValues: { ':pk': pk, ':before': before.toISOString() },
            Limit: limit,
          }),
        ),
      ),
    );
    return pages
      .flatMap((page) => page.Items ?? [])
      .sort((a, b) => String(a[INDEX.sortKey]).localeCompare(String(b[INDEX.sortKey])))
      .slice(0, limit)
      .map((item) => RefSchema.parse(item));
  }
}
