import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { documentClient, tableNameFromEnv } from '../../../functions/adapters/dynamodb/document-client.js';

/**
 * Helpers for integration tests that share the one table global-setup.ts creates. Tests keep apart by
 * data, not by emptying the table: give every test its own seller (and order, tracking number...) ids.
 */

/** A seller id no other test uses, e.g. `seller-7f0c...`. */
export const uniqueSellerId = (prefix = 'seller'): string => `${prefix}-${randomUUID()}`;

/** Any unique token, for order ids, tracking numbers, key ids. */
export const uniqueId = (prefix: string): string =>
  `${prefix}-${randomUUID().replaceAll('-', '').slice(0, 16)}`;

/** The adapters' options, pointed at the shared table through the environment env.ts set. */
export const tableOptions = () => ({ client: documentClient, tableName: tableNameFromEnv() });

/** The stored item as it is in the table, keys included, for asserting what a write left behind. */
export const rawItem = async (key: {
  pk: string;
  sk: string;
}): Promise<Record<string, unknown> | undefined> => {
  const { Item: item } = await documentClient.send(
    new GetCommand({ TableName: tableNameFromEnv(), Key: key, ConsistentRead: true }),
  );
  return item;
};
