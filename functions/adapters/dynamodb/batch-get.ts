import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/** BatchGetItem's limit on keys per call. */
export const BATCH_GET_MAX = 100;

/** Every item of `keys` that exists, in any order: calls of at most 100 keys, unprocessed keys asked again. */
export const batchGetAll = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: Item[],
): Promise<Item[]> => {
  const found: Item[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_MAX) {
    let pending = keys.slice(start, start + BATCH_GET_MAX);
    while (pending.length > 0) {
      const result = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }),
      );
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = (result.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined) ?? [];
    }
  }
  return found;
};
