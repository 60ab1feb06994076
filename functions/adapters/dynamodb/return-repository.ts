import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import { ConcurrencyConflictError } from '../../../domain/errors.js';
import type { Page, ReturnListQuery, ReturnRepository } from '../../../domain/ports.js';
import type { Return } from '../../../domain/return.js';
import { counterChanges } from '../../../domain/return-analytics.js';
import { DEFAULT_REMINDER_LEAD, type ReminderLead } from '../../../domain/deadlines/reminder.js';
import { listReturnItems } from './return-listing.js';
import { addToCounters } from './return-counters.js';
import { returnItem, returnOfItem } from './return-item.js';
import { GSI, PARTITION_KEY, returnKey, trackingPk } from './table-design.js';

/** What the tracking index holds besides its keys. */
const ReturnRefSchema = z.object({ sellerId: z.string(), id: z.string() });

/**
 * Returns, one item per return under its own partition key. Every write is a single conditional Put of
 * the whole aggregate (its bulk packed, return-item.ts): `create` only if the id is new, `update` only if the stored version is the one the caller
 * read, so two racing writers never both win. Each write that won then adds to the seller's counters
 * (return-counters.ts), which the analytics endpoint reads instead of the returns.
 */
export class DynamoReturnRepository implements ReturnRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  /** Where a deadline's reminder goes in the sweeper's index. */
  private readonly reminderLead: ReminderLead;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string; reminderLead?: ReminderLead }) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.reminderLead = options.reminderLead ?? DEFAULT_REMINDER_LEAD;
  }

  async get(sellerId: string, id: string): Promise<Return | undefined> {
    const { Item: item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: returnKey(sellerId, id), ConsistentRead: true }),
    );
    return item ? returnOfItem(item) : undefined;
  }

  async create(ret: Return): Promise<void> {
    await this.put(ret, {
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY },
    });
    await addToCounters(this.client, this.tableName, ret, counterChanges(ret, true));
  }

  /**
   * Also conditional on the outbox's drains: a writer that read the outbox before the dispatcher removed
   * some events must not put them back, so it loses the race, reads again and decides anew.
   */
  async update(next: Return): Promise<void> {
    const drains = next.outbox?.drains;
    await this.put(next, {
      ConditionExpression:
        drains === undefined
          ? '#version = :expected'
          : '#version = :expected AND (attribute_not_exists(#outbox) OR #outbox.#drains = :drains)',
      ExpressionAttributeNames: {
        '#version': 'version',
        ...(drains === undefined ? {} : { '#outbox': 'outbox', '#drains': 'drains' }),
      },
      ExpressionAttributeValues: {
        ':expected': next.version - 1,
        ...(drains === undefined ? {} : { ':drains': drains }),
      },
    });
    await addToCounters(this.client, this.tableName, next, counterChanges(next, false));
  }

  /** One page of a listing: Queries on the listing's shards, then one BatchGetItem (return-listing.ts). */
  async list(sellerId: string, query: ReturnListQuery): Promise<Page<Return>> {
    const page = await listReturnItems(this.client, this.tableName, sellerId, query);
    return { items: page.items.map(returnOfItem), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  /**
   * Which return a carrier tracking number belongs to, whichever seller's it is (the carrier webhook knows
   * no seller): the index entry carries both ids. Reads a GSI, so it is eventually consistent on DynamoDB:
   * a label issued a moment ago may not be found yet.
   */
  async findByTrackingNumber(trackingNumber: string): Promise<{ sellerId: string; id: string } | undefined> {
    const { Items: items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI.byTracking.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI.byTracking.partitionKey },
        ExpressionAttributeValues: { ':pk': trackingPk(trackingNumber) },
        Limit: 1,
      }),
    );
    const item = items[0];
    return item ? ReturnRefSchema.parse(item) : undefined;
  }

  private async put(
    ret: Return,
    condition: {
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues?: Record<string, unknown>;
    },
  ): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: returnItem(ret, this.reminderLead),
          ...condition,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConcurrencyConflictError(`return ${ret.id}`);
      }
      throw error;
    }
  }
}
