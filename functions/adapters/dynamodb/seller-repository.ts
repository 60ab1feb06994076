import { queryAll } from './query-all.js';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import type { ApiKeyRecord, Seller, SellerRepository } from '../../../domain/ports.js';
import {
  API_KEY_SK_PREFIX,
  ENTITY_ATTRIBUTE,
  PARTITION_KEY,
  SELLER_DIRECTORY_PK,
  SORT_KEY,
  apiKeyKey,
  sellerApiKeyKey,
  sellerDirectoryKey,
  sellerPk,
  sellerProfileKey,
  withoutStorageAttributes,
} from './table-design.js';

type Item = Record<string, unknown>;

const SellerItemSchema = z.object({
  sellerId: z.string(),
  name: z.string(),
  email: z.string(),
  locale: z.string(),
  status: z.enum(['ACTIVE', 'SUSPENDED']),
  createdAt: z.string(),
}) satisfies z.ZodMiniType<Seller>;

const ApiKeyItemSchema = z.object({
  keyId: z.string(),
  sellerId: z.string(),
  secretHash: z.string(),
  status: z.enum(['ACTIVE', 'REVOKED']),
  createdAt: z.string(),
}) satisfies z.ZodMiniType<ApiKeyRecord>;

/** Seller profiles, the seller directory the admin tool lists, API-key records and each seller's key index. */
export class DynamoSellerRepository implements SellerRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: { client: DynamoDBDocumentClient; tableName: string }) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async get(sellerId: string): Promise<Seller | undefined> {
    const { Item: item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: sellerProfileKey(sellerId), ConsistentRead: true }),
    );
    return item ? toSeller(item) : undefined;
  }

  /**
   * Writes the profile, then the directory entry. Two single-item puts, not a transaction: dynalite has
   * no TransactWriteItems, and none is needed. Both puts are idempotent whole-item writes of the same
   * seller, the profile is the record of truth (every request path reads it by key), and the directory
   * entry is a derived copy only the admin tool lists. If the second put fails, `put` rejects and the
   * caller's retry writes both again; a reader meanwhile sees at worst a seller missing from the list.
   */
  async put(seller: Seller): Promise<void> {
    const record = SellerItemSchema.parse(seller);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...record, ...sellerProfileKey(seller.sellerId), [ENTITY_ATTRIBUTE]: 'SELLER' },
      }),
    );
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...record, ...sellerDirectoryKey(seller.sellerId), [ENTITY_ATTRIBUTE]: 'SELLER_DIRECTORY' },
      }),
    );
  }

  /** Every seller, by id, from the directory partition (a Query, never a Scan). */
  async listSellers(): Promise<Seller[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY },
      ExpressionAttributeValues: { ':pk': SELLER_DIRECTORY_PK },
    });
    return items.map(toSeller);
  }

  async getApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    const { Item: item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: apiKeyKey(keyId), ConsistentRead: true }),
    );
    return item ? ApiKeyItemSchema.parse(withoutStorageAttributes(item)) : undefined;
  }

  /**
   * Creates or replaces a key record (a revocation is a put with status REVOKED), then its copy in the
   * seller's partition. Two single-item puts, like `put`: the key record is the record of truth (the
   * authorizer reads only it), and the copy exists so `listApiKeys` needs no Scan. If the second put
   * fails, `putApiKey` rejects and a retry writes both; meanwhile the list may show a key's previous
   * status, never a key that authenticates differently from what its record says.
   */
  async putApiKey(key: ApiKeyRecord): Promise<void> {
    const record = ApiKeyItemSchema.parse(key);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...record, ...apiKeyKey(key.keyId), [ENTITY_ATTRIBUTE]: 'API_KEY' },
      }),
    );
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...record,
          ...sellerApiKeyKey(key.sellerId, key.keyId),
          [ENTITY_ATTRIBUTE]: 'SELLER_API_KEY',
        },
      }),
    );
  }

  /** The seller's keys, active and revoked, oldest first (a Query on the seller's partition, never a Scan). */
  async listApiKeys(sellerId: string): Promise<ApiKeyRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
      ExpressionAttributeValues: { ':pk': sellerPk(sellerId), ':prefix': API_KEY_SK_PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => ApiKeyItemSchema.parse(withoutStorageAttributes(item)));
  }
}

const toSeller = (item: Item): Seller => SellerItemSchema.parse(withoutStorageAttributes(item));
