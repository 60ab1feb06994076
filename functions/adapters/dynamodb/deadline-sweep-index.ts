import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../../domain/zod.js';
import type { DeadlineSweepIndex, ReturnRef } from '../../../domain/ports.js';
import {
  ENTITY_ATTRIBUTE,
  GSI,
  SWEEP_SHARDS,
  sweepHourOf,
  sweepPk,
  sweepWatermarkKey,
  type Entity,
} from './table-design.js';

const HOUR_MS = 3_600_000;
/** A writer's clock may lag the sweeper's a little: an hour is left behind only this long after it ends. */
const GRACE_MS = 5 * 60_000;
/** A first sweep looks back this far; a sweep after a long stop catches up this many hours at a time. */
const FIRST_LOOKBACK_HOURS = 1;
const MAX_HOURS_PER_SWEEP = 48;

const RefSchema = z.object({ sellerId: z.string(), id: z.string() });
const WatermarkSchema = z.object({ hour: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/)) });

const hourStart = (hour: string): number => Date.parse(`${hour}:00:00.000Z`);

/**
 * The deadline index on DynamoDB (table-design.ts, `bySweepTime`): one partition per hour and shard,
 * sorted by the time the sweeper is due. A sweep reads every shard of every hour from the watermark to
 * now, only the entries already due, with Queries (never a Scan); an entry leaves the index, or moves on
 * to a later time, when the return is written with its reminder or overdue mark or its offer's expiry.
 */
export class DynamoDeadlineSweepIndex implements DeadlineSweepIndex {
  constructor(private readonly table: { client: DynamoDBDocumentClient; tableName: string }) {}

  async due(now: Date): Promise<{ refs: ReturnRef[]; nextHour: string }> {
    const { Item: item } = await this.table.client.send(
      new GetCommand({ TableName: this.table.tableName, Key: sweepWatermarkKey(), ConsistentRead: true }),
    );
    const from = item
      ? hourStart(WatermarkSchema.parse(item).hour)
      : hourStart(sweepHourOf(new Date(now.getTime() - FIRST_LOOKBACK_HOURS * HOUR_MS)));
    const through = Math.min(hourStart(sweepHourOf(now)), from + (MAX_HOURS_PER_SWEEP - 1) * HOUR_MS);
    const hours: string[] = [];
    for (let start = from; start <= through; start += HOUR_MS) hours.push(sweepHourOf(new Date(start)));
    const partitions = hours.flatMap((hour) =>
      Array.from({ length: SWEEP_SHARDS }, (_, s) => sweepPk(hour, s)),
    );
    const upTo = `${now.toISOString()}#~`;
    const found = await Promise.all(partitions.map((pk) => this.dueIn(pk, upTo)));
    const settled = Math.min(hourStart(sweepHourOf(new Date(now.getTime() - GRACE_MS))), through + HOUR_MS);
    return { refs: found.flat(), nextHour: sweepHourOf(new Date(Math.max(from, settled))) };
  }

  async sweptUntil(hour: string): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...sweepWatermarkKey(), hour, [ENTITY_ATTRIBUTE]: 'DEADLINE_SWEEPER' satisfies Entity },
      }),
    );
  }

  private async dueIn(pk: string, upTo: string): Promise<ReturnRef[]> {
    const refs: ReturnRef[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const result = await this.table.client.send(
        new QueryCommand({
          TableName: this.table.tableName,
          IndexName: GSI.bySweepTime.indexName,
          KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
          ExpressionAttributeNames: { '#pk': GSI.bySweepTime.partitionKey, '#sk': GSI.bySweepTime.sortKey },
          ExpressionAttributeValues: { ':pk': pk, ':upTo': upTo },
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      refs.push(...(result.Items ?? []).map((i) => RefSchema.parse(i)));
      exclusiveStartKey = result.LastEvaluatedKey;
    } while (exclusiveStartKey);
    return refs;
  }
}
