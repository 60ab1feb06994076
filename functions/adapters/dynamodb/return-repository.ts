import { queryAll } from './query-all.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import { ConcurrencyConflictError, ValidationError } from '../../../domain/errors.js';
import type { Page, ReturnRepository } from '../../../domain/ports.js';
import { ReturnSchema, type Return, type Status } from '../../../domain/return.js';
import {
  ENTITY_ATTRIBUTE,
  GSI,
  PARTITION_KEY,
  RETURN_SK_PREFIX,
  SORT_KEY,
  returnByOrderKey,
  returnByStatusKey,
  returnByTrackingKey,
  returnKey,
  returnsByOrderPk,
  returnsByStatusPk,
  sellerPk,
  trackingPk,
  withoutStorageAttributes,
} from './table-design.js';

type Item = Record<string, unknown>;

const CURSOR_ISSUE = { field: 'cursor', rule: 'must be a cursor returned by this endpoint' };

const invalidCursor = (): ValidationError => new ValidationError('The cursor is not valid', [CURSOR_ISSUE]);

/**
 * Returns of one seller, one item per return. Every write is a single conditional Put of the whole
 * aggregate: `create` only if the id is new, `update` only if the stored version is the one the caller
 * read, so two racing writers never both win.
 */
export class DynamoReturnRepository implements ReturnRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async get(sellerId: string, id: string): Promise<Return | undefined> {
    const { Item: item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: returnKey(sellerId, id), ConsistentRead: true }),
    );
    return item ? toReturn(item) : undefined;
  }

  async create(ret: Return): Promise<void> {
    await this.put(ret, {
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY },
    });
  }

  async update(next: Return): Promise<void> {
    await this.put(next, {
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': next.version - 1 },
    });
  }

  async list(
    sellerId: string,
    query: { status?: Status; cursor?: string; limit: number },
  ): Promise<Page<Return>> {
    const { status, cursor, limit } = query;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new ValidationError('The limit is not valid', [{ field: 'limit', rule: 'must be at least 1' }]);
    }
    const startKeySchema = status ? statusCursorSchema(sellerId, status) : mainCursorSchema(sellerId);
    const exclusiveStartKey = cursor === undefined ? undefined : decodeCursor(cursor, startKeySchema);
    const keyCondition: Omit<QueryCommandInput, 'TableName'> = status
      ? {
          IndexName: GSI.byStatus.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI.byStatus.partitionKey },
          ExpressionAttributeValues: { ':pk': returnsByStatusPk(sellerId, status) },
        }
      : {
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
          ExpressionAttributeValues: { ':pk': sellerPk(sellerId), ':prefix': RETURN_SK_PREFIX },
        };
    // One more than asked for tells whether another page exists, so the last page never comes back empty.
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition,
        ScanIndexForward: false,
        Limit: limit + 1,
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    const items = result.Items ?? [];
    const page = items.slice(0, limit);
    const last = page.at(-1);
    let nextKey: Item | undefined;
    if (items.length > limit && last) {
      nextKey = pick(last, Object.keys(startKeySchema.shape));
    } else if (result.LastEvaluatedKey) {
      // The response hit DynamoDB's 1 MB page size first; its own key marks where to resume.
      nextKey = result.LastEvaluatedKey;
    }
    return {
      items: page.map(toReturn),
      ...(nextKey && page.length > 0 ? { cursor: encodeCursor(nextKey) } : {}),
    };
  }

  /**
   * The return a carrier tracking number belongs to, whichever seller's it is (the carrier webhook knows
   * no seller). Reads a GSI, so it is eventually consistent on DynamoDB: a label issued a moment ago may
   * not be found yet.
   */
  async findByTrackingNumber(trackingNumber: string): Promise<Return | undefined> {
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
    return item ? toReturn(item) : undefined;
  }

  /** A seller's returns against one order, newest first (an order has a handful at most). */
  async findByOrder(sellerId: string, orderId: string): Promise<Return[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: GSI.byOrder.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI.byOrder.partitionKey },
      ExpressionAttributeValues: { ':pk': returnsByOrderPk(sellerId, orderId) },
      ScanIndexForward: false,
    });
    return items.map(toReturn);
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
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: toItem(ret), ...condition }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConcurrencyConflictError(`return ${ret.id}`);
      }
      throw error;
    }
  }
}

/** The stored item: the whole aggregate plus the keys of every index it belongs in. */
const toItem = (ret: Return): Item => ({
  ...ret,
  ...returnKey(ret.sellerId, ret.id),
  ...returnByStatusKey(ret.sellerId, ret.status, ret.createdAt, ret.id),
  ...returnByOrderKey(ret.sellerId, ret.orderId, ret.createdAt, ret.id),
  // Only once a label exists: an item without the key attributes stays out of the sparse index.
  ...(ret.trackingNumber ? returnByTrackingKey(ret.trackingNumber) : {}),
  [ENTITY_ATTRIBUTE]: 'RETURN',
});

const toReturn = (item: Item): Return => ReturnSchema.parse(withoutStorageAttributes(item));

const pick = (item: Item, names: string[]): Item =>
  Object.fromEntries(names.filter((name) => name in item).map((name) => [name, item[name]]));

// The cursor is the base64url JSON of the key to resume after. It is opaque to callers but not secret,
// so a decoded cursor is checked to be a key of this seller's (and this status's) listing before use:
// a forged one must never reach another seller's partition.

const returnSortKey = z.string().check(z.startsWith(RETURN_SK_PREFIX)).check(z.maxLength(200));

const mainCursorSchema = (sellerId: string) =>
  z.strictObject({ [PARTITION_KEY]: z.literal(sellerPk(sellerId)), [SORT_KEY]: returnSortKey });

const statusCursorSchema = (sellerId: string, status: Status) =>
  z.strictObject({
    [PARTITION_KEY]: z.literal(sellerPk(sellerId)),
    [SORT_KEY]: returnSortKey,
    [GSI.byStatus.partitionKey]: z.literal(returnsByStatusPk(sellerId, status)),
    [GSI.byStatus.sortKey]: z.string().check(z.minLength(1)).check(z.maxLength(200)),
  });

const encodeCursor = (key: Item): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

const decodeCursor = (cursor: string, schema: z.ZodMiniType<Item>): Item => {
  if (cursor.length === 0 || cursor.length > 1024 || !/^[\w-]+$/.test(cursor)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
};
