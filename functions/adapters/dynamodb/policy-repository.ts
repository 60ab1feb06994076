import { queryAll } from './query-all.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import { ConcurrencyConflictError } from '../../../domain/errors.js';
import type { Marketplace } from '../../../domain/marketplaces.js';
import { PolicySchema, type Policy, type StoredPolicy } from '../../../domain/policy.js';
import type { PolicyRepository } from '../../../domain/ports.js';
import {
  ENTITY_ATTRIBUTE,
  PARTITION_KEY,
  POLICY_SK_PREFIX,
  SORT_KEY,
  policyKey,
  sellerPk,
  withoutStorageAttributes,
} from './table-design.js';

type Item = Record<string, unknown>;

const StoredPolicySchema = z.extend(PolicySchema, {
  sellerId: z.string(),
  version: z.number().check(z.int()).check(z.gte(1)),
  updatedAt: z.string(),
}) satisfies z.ZodMiniType<StoredPolicy>;

/** One policy item per seller and marketplace, written only at the version the caller last read. */
export class DynamoPolicyRepository implements PolicyRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async get(sellerId: string, marketplace: Marketplace): Promise<StoredPolicy | undefined> {
    const { Item: item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: policyKey(sellerId, marketplace),
        ConsistentRead: true,
      }),
    );
    return item ? toStoredPolicy(item) : undefined;
  }

  /** The seller's policies, one per marketplace it has set, by marketplace code. */
  async list(sellerId: string): Promise<StoredPolicy[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
      ExpressionAttributeValues: { ':pk': sellerPk(sellerId), ':prefix': POLICY_SK_PREFIX },
      ConsistentRead: true,
    });
    return items.map(toStoredPolicy);
  }

  /**
   * Writes the policy as version `expectedVersion + 1`, only if the stored one is at `expectedVersion`
   * (0: only if there is none yet); otherwise throws ConcurrencyConflictError and writes nothing.
   */
  async put(sellerId: string, policy: Policy, expectedVersion: number, now: string): Promise<StoredPolicy> {
    const stored = StoredPolicySchema.parse({
      ...PolicySchema.parse(policy),
      sellerId,
      version: expectedVersion + 1,
      updatedAt: now,
    });
    const condition: Pick<
      PutCommandInput,
      'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    > =
      expectedVersion === 0
        ? {
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PARTITION_KEY },
          }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...stored, ...policyKey(sellerId, stored.marketplace), [ENTITY_ATTRIBUTE]: 'POLICY' },
          ...condition,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConcurrencyConflictError(`the ${stored.marketplace} policy`);
      }
      throw error;
    }
    return stored;
  }
}

const toStoredPolicy = (item: Item): StoredPolicy => StoredPolicySchema.parse(withoutStorageAttributes(item));
