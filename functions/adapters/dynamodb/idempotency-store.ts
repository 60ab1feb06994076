import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { IdempotencyItemAlreadyExistsError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import { packJson, unpackJson } from './packed-json.js';
import { PARTITION_KEY, TTL_ATTRIBUTE, idempotencyRecordKey } from './table-design.js';

/** An answer as Powertools hands it over: the API Gateway result, JSON. */
export type IdempotentAnswer = IdempotencyRecord['responseData'];

/** What a record stores as its answer: the answer as `encode` made it, packed (packed-json.ts). */
interface StoredAnswer {
  packed: Uint8Array;
}

/**
 * Powertools' DynamoDB persistence with each record under its own partition key, and its answer packed.
 * - Keys: Powertools knows two layouts, a table keyed by the record alone (no sort key), or one fixed
 *   partition per function with the record as sort key, which is a hot key. This table has a sort key, so
 *   `getKey` (Powertools' documented override point) gives the record's key as the partition and a
 *   constant sort key.
 * - Answers: a created return's answer is about 2 KB of JSON, so its record bills three write units
 *   stored as it is and one packed. Powertools hands answers to and from the table in these three
 *   methods only (the third on a refused claim, with the record it found); `encode` and `decode` are
 *   where a subclass changes what is packed (SealedIdempotencyStore seals it).
 */
export class IdempotencyStore extends DynamoDBPersistenceLayer {
  constructor(tableName: string) {
    super({ tableName, keyAttr: PARTITION_KEY, expiryAttr: TTL_ATTRIBUTE });
  }

  protected override getKey(idempotencyKey: string): Record<string, AttributeValue> {
    return Object.fromEntries(
      Object.entries(idempotencyRecordKey(idempotencyKey)).map(([name, value]) => [name, { S: value }]),
    );
  }

  /** What is packed for an answer (the answer itself here). */
  protected async encode(answer: IdempotentAnswer, _record: IdempotencyRecord): Promise<unknown> {
    return answer;
  }

  /** The answer `encode` made `stored` from. */
  protected async decode(stored: unknown, _record: IdempotencyRecord): Promise<IdempotentAnswer> {
    return stored as IdempotentAnswer;
  }

  protected override async _updateRecord(record: IdempotencyRecord): Promise<void> {
    if (record.responseData === undefined) return super._updateRecord(record);
    const stored: StoredAnswer = { packed: packJson(await this.encode(record.responseData, record)) };
    // A copy: Powertools keeps the record it passed (in its cache, when that is on) with the answer as it is.
    return super._updateRecord(
      new IdempotencyRecord({ ...recordConfig(record), responseData: stored as unknown as IdempotentAnswer }),
    );
  }

  protected override async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    return this.opened(await super._getRecord(idempotencyKey));
  }

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    try {
      await super._putRecord(record);
    } catch (error) {
      if (error instanceof IdempotencyItemAlreadyExistsError && error.existingRecord) {
        throw new IdempotencyItemAlreadyExistsError(error.message, await this.opened(error.existingRecord));
      }
      throw error;
    }
  }

  private async opened(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    const stored = record.responseData as Partial<StoredAnswer> | undefined;
    if (!(stored?.packed instanceof Uint8Array)) return record;
    const answer = await this.decode(
      unpackJson(stored.packed, `idempotency record ${record.idempotencyKey}`),
      record,
    );
    return new IdempotencyRecord({ ...recordConfig(record), responseData: answer });
  }
}

const recordConfig = (record: IdempotencyRecord): ConstructorParameters<typeof IdempotencyRecord>[0] => ({
  idempotencyKey: record.idempotencyKey,
  status: record.getStatus(),
  expiryTimestamp: record.expiryTimestamp,
  inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
  payloadHash: record.payloadHash,
  ...(record.sortKey === undefined ? {} : { sortKey: record.sortKey }),
});
