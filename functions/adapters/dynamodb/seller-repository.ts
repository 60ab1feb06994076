import { queryAll } from './query-all.js';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import type { ApiKeyGrant, ApiKeyRecord, Seller, SellerRepository } from '../../../domain/ports.js';
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

const ApiKeyGrantItemSchema = z.extend(ApiKeyItemSchema, {
  sellerStatus: SellerItemSchema.shape.status,
}) satisfies z.ZodMiniType<ApiKeyGrant>;

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
   * Writes the profile, then the directory entry, then the seller's status onto each of its key records
   * (the authorizer reads only the key record, so a suspension must reach every key). Single-item writes,
   * not a transaction: dynalite has no TransactWriteItems, and none is needed. Each write is idempotent,
   * the profile is the record of truth, and the directory entry and key stamps are derived copies: if a
   * later write fails, `put` rejects and the caller's retry writes them all again. A key issued at the same
   * moment is covered by `putApiKey`'s re-read of the profile.
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
    for (const key of await this.listApiKeys(seller.sellerId)) {
      await this.stampSellerStatus(key.keyId, record.status);
    }
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

  /**
   * The key record with its seller's status: the authorizer's only read, strongly consistent and never
   * cached, so a revocation or suspension holds from the next request on.
   */
  async getApiKey(keyId: string): Promise<ApiKeyGrant | undefined> {
    const { Item: item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: apiKeyKey(keyId), ConsistentRead: true }),
    );
    return item ? ApiKeyGrantItemSchema.parse(withoutStorageAttributes(item)) : undefined;
  }

  /**
   * Creates or replaces a key record (a revocation is a put with status REVOKED) stamped with its seller's
   * status, then its copy in the seller's partition, then reads the profile again and re-stamps the record
   * if the status moved meanwhile. A suspension racing this put is thus never lost: either the re-read
   * sees it, or the suspension's own listing of keys (after its profile write) sees the copy and stamps
   * the record. The key record is the record of truth (the authorizer reads only it); the copy exists so
   * `listApiKeys` needs no Scan. If a write fails, `putApiKey` rejects and a retry writes them again.
   */
  async putApiKey(key: ApiKeyRecord): Promise<void> {
    const record = ApiKeyItemSchema.parse(key);
    const sellerStatus = await this.sellerStatusOf(record.sellerId);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...record, sellerStatus, ...apiKeyKey(key.keyId), [ENTITY_ATTRIBUTE]: 'API_KEY' },
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
    const now = await this.sellerStatusOf(record.sellerId);
    if (now !== sellerStatus) await this.stampSellerStatus(record.keyId, now);
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

  /** A key of a seller without a profile authenticates nobody, as a suspended one. */
  private async sellerStatusOf(sellerId: string): Promise<Seller['status']> {
    return (await this.get(sellerId))?.status ?? 'SUSPENDED';
  }

  /**
   * Copies the seller's status onto a key record. Conditional, so it never creates a partial record; a
   * key's copy is written after its record, so a listed key always has one.
   */
  private async stampSellerStatus(keyId: string, sellerStatus: Seller['status']): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: apiKeyKey(keyId),
        UpdateExpression: 'SET #sellerStatus = :status',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#sellerStatus': 'sellerStatus', '#pk': PARTITION_KEY },
        ExpressionAttributeValues: { ':status': sellerStatus },
      }),
    );
  }
}

const toSeller = (item: Item): Seller => SellerItemSchema.parse(withoutStorageAttributes(item));
