import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import { ConcurrencyConflictError } from '../../../domain/errors.js';
import type { EventOutbox, ReturnRef } from '../../../domain/ports.js';
import type { Return } from '../../../domain/return.js';
import { queryAll } from './query-all.js';
import { PACKED_ATTRIBUTE, packedReturn } from './return-item.js';
import { GSI, pendingEventsKeys, pendingEventsPartitions, pendingSince, returnKey } from './table-design.js';

const RefSchema = z.object({ sellerId: z.string(), id: z.string() });
const INDEX = GSI.pendingEvents;

/**
 * The outbox on the return item. A drain is one conditional UpdateItem on the version and the drain count
 * it read: it rewrites the packed part (return-item.ts: the pending events are packed with the rest of
 * the version it read) without the dispatched events, counts the drain (which makes a writer that read
 * before it lose its race, see DynamoReturnRepository.update) and moves or removes the item's
 * pending-events index keys. The version stays: a drain is no change of the return.
 */
export class DynamoEventOutbox implements EventOutbox {
  constructor(private readonly table: { client: DynamoDBDocumentClient; tableName: string }) {}

  async drain(ret: Return, eventIds: readonly string[]): Promise<void> {
    const outbox = ret.outbox;
    if (!outbox || eventIds.length === 0) return;
    const drained = { ...outbox, pending: outbox.pending.filter((event) => !eventIds.includes(event.id)) };
    const keys = pendingEventsKeys({ sellerId: ret.sellerId, id: ret.id, outbox: drained });
    const names = {
      '#version': 'version',
      '#outbox': 'outbox',
      '#drains': 'drains',
      '#packed': PACKED_ATTRIBUTE,
      '#ipk': INDEX.partitionKey,
      '#isk': INDEX.sortKey,
    };
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: returnKey(ret.sellerId, ret.id),
          UpdateExpression: keys
            ? 'SET #packed = :packed, #outbox.#drains = :next, #ipk = :ipk, #isk = :isk'
            : 'SET #packed = :packed, #outbox.#drains = :next REMOVE #ipk, #isk',
          ConditionExpression: '#version = :version AND #outbox.#drains = :drains',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':packed': packedReturn({ ...ret, outbox: drained }),
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

  /**
   * One Query per shard of the sparse index (sorted by seller, then time), filtered by the oldest pending
   * event's time and merged oldest first. The index holds only returns with work, so it stays small.
   */
  async pending(before: Date, limit: number): Promise<ReturnRef[]> {
    const cut = before.toISOString();
    const pages = await Promise.all(
      pendingEventsPartitions().map((pk) =>
        queryAll(this.table.client, {
          TableName: this.table.tableName,
          IndexName: INDEX.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': INDEX.partitionKey },
          ExpressionAttributeValues: { ':pk': pk },
        }),
      ),
    );
    return pages
      .flat()
      .map((item) => ({ item, since: pendingSince(String(item[INDEX.sortKey])) }))
      .filter(({ since }) => since < cut)
      .sort((a, b) => a.since.localeCompare(b.since))
      .slice(0, limit)
      .map(({ item }) => RefSchema.parse(item));
  }

  /** The oldest of each shard's first entry under the seller's prefix: one Query of one item per shard. */
  async oldestPendingOf(sellerId: string): Promise<string | undefined> {
    const firsts = await Promise.all(
      pendingEventsPartitions().map(async (pk) => {
        const page = await this.table.client.send(
          new QueryCommand({
            TableName: this.table.tableName,
            IndexName: INDEX.indexName,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :seller)',
            ExpressionAttributeNames: { '#pk': INDEX.partitionKey, '#sk': INDEX.sortKey },
            ExpressionAttributeValues: { ':pk': pk, ':seller': `${sellerId}#` },
            Limit: 1,
          }),
        );
        const sk = page.Items?.[0]?.[INDEX.sortKey];
        return sk === undefined ? undefined : pendingSince(String(sk));
      }),
    );
    return firsts.filter((at): at is string => at !== undefined).sort()[0];
  }
}
