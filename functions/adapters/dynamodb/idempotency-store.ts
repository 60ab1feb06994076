import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { PARTITION_KEY, TTL_ATTRIBUTE, idempotencyRecordKey } from './table-design.js';

/**
 * Powertools' DynamoDB persistence with each record under its own partition key. Powertools knows two
 * layouts: a table keyed by the record alone (no sort key), or one fixed partition per function with the
 * record as sort key, which is a hot key. This table has a sort key, so `getKey` (Powertools' documented
 * override point) gives the record's key as the partition and a constant sort key.
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
}
