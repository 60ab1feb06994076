import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PartlyWrittenError } from '../../../domain/errors.js';
import { PARTITION_KEY, SORT_KEY } from './table-design.js';

type Item = Record<string, unknown>;

/** BatchWriteItem's limit on requests per call. */
export const BATCH_WRITE_MAX = 25;

/** How often one call's unprocessed items are sent again, and the first wait (doubling, full jitter). */
const ATTEMPTS = 5;
const FIRST_WAIT_MS = 50;

const keyOf = (item: Item) => `${String(item[PARTITION_KEY])}\n${String(item[SORT_KEY])}`;

const pause = (attempt: number, random: () => number) =>
  new Promise((done) => setTimeout(done, Math.floor(random() * FIRST_WAIT_MS * 2 ** (attempt - 1))));

/**
 * Puts `items` (whole items, no condition: an overwrite) in calls of at most 25, sending what DynamoDB
 * left unprocessed again after a full-jitter exponential wait. If some stay unprocessed, or a call
 * fails, throws a PartlyWrittenError with how many items, from the first, are known to be written (an
 * item after that may be written too: putting it again changes nothing).
 */
export const batchPutAll = async (
  table: { client: DynamoDBDocumentClient; tableName: string },
  items: readonly Item[],
  random: () => number = Math.random,
): Promise<void> => {
  for (let start = 0; start < items.length; start += BATCH_WRITE_MAX) {
    const batch = items.slice(start, start + BATCH_WRITE_MAX);
    let pending = batch;
    const notWritten = (cause?: unknown) => {
      const left = new Set(pending.map(keyOf));
      const written = start + batch.findIndex((item) => left.has(keyOf(item)));
      return new PartlyWrittenError(written, `item ${written + 1} of ${items.length} was not written`, {
        cause,
      });
    };
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > 1) await pause(attempt - 1, random);
      let unprocessed: { PutRequest?: { Item?: Item } }[];
      try {
        const result = await table.client.send(
          new BatchWriteCommand({
            RequestItems: { [table.tableName]: pending.map((item) => ({ PutRequest: { Item: item } })) },
          }),
        );
        unprocessed = result.UnprocessedItems?.[table.tableName] ?? [];
      } catch (error) {
        throw notWritten(error);
      }
      pending = unprocessed.map((request) => request.PutRequest!.Item!);
      if (pending.length > 0 && attempt >= ATTEMPTS) throw notWritten();
    }
  }
};
