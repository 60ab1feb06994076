import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from '../../domain/zod.js';
import { observe } from '../shared/observability.js';
import { dispatchReturns } from './dispatch-pending.js';

/** What the dispatcher reads off a stream record's new image: the return it names (the item is read again). */
const ImageSchema = z.object({ sellerId: z.object({ S: z.string() }), id: z.object({ S: z.string() }) });

/**
 * OutboxStream: the table's stream, filtered by the event source to return items that have pending
 * events (the sparse index key is set), dispatches each return named in the batch. A return whose events
 * could not all be handed on is reported as a batch item failure, so Lambda retries from it (and the
 * sweeper catches whatever the retries give up on).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(observe())
  .handler(async (event) => {
    const named = event.Records.flatMap((record) => {
      const image = ImageSchema.safeParse(record.dynamodb?.NewImage);
      const sequence = record.dynamodb?.SequenceNumber;
      return image.success && sequence
        ? [{ ref: { sellerId: image.data.sellerId.S, id: image.data.id.S }, sequence }]
        : [];
    });
    const failed = new Set((await dispatchReturns(named.map((n) => n.ref))).map((ref) => ref.id));
    return {
      batchItemFailures: named
        .filter((n) => failed.has(n.ref.id))
        .map((n) => ({ itemIdentifier: n.sequence })),
    };
  });
