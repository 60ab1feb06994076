import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { observe } from '../shared/observability.js';
import { dispatchReturns } from './dispatch-pending.js';
import { returnsNamed } from './stream-records.js';

/**
 * OutboxStream: the table's stream, filtered by the event source to return items that have pending
 * events (the sparse index key is set), dispatches each return named in the batch, once. A return whose
 * events could not all be handed on is reported as a batch item failure, so Lambda retries from it (and
 * the sweeper catches whatever the retries give up on).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(observe())
  .handler(async (event) => {
    const named = returnsNamed(event.Records);
    const failed = new Set((await dispatchReturns(named.map((n) => n.ref))).map((ref) => ref.id));
    return {
      batchItemFailures: named
        .filter((n) => failed.has(n.ref.id))
        .flatMap((n) => n.sequences.map((sequence) => ({ itemIdentifier: sequence }))),
    };
  });
