/**
 * The inspection queue's consumer as Lambda's SQS event source calls it: what a record costs alone and
 * in a batch of 10, and what a duplicate costs (SQS delivers at least once). Import only after
 * bench/environment.ts has set the environment.
 */
import type { SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { handler } from '../functions/consumers/inspection-results.js';
import { returns } from '../functions/shared/dependencies/data.js';
import { lambdaContext } from '../infra/local/proxy-event.js';
import { toSqsRecord } from '../infra/local/sqs-poller.js';
import { makeReturn } from '../test/support/return-factory.js';
import { REGION } from './environment.js';
import { summarize, timeSequentially, WARMUP } from './measure.js';

const SELLER_ID = 'bench-seller';
const QUEUE_ARN = `arn:aws:sqs:${REGION}:000000000000:inspection-results`;

/**
 * A DELIVERED return waiting for its inspection, written as the pipeline would have left it, and the
 * message with its result. Each return has its own token, so every first resume is one Step Functions
 * accepts, as in production.
 */
const waitingReturnWithResult = async (): Promise<SQSRecord> => {
  const ret = makeReturn({
    sellerId: SELLER_ID,
    status: 'DELIVERED',
    pipeline: { inspectionToken: randomUUID() },
  });
  await returns.create(ret);
  const body = JSON.stringify({
    returnId: ret.id,
    sellerId: ret.sellerId,
    lines: ret.items.map((item) => ({ sku: item.sku, grade: 'AS_NEW' })),
    disposition: 'RESTOCK',
  });
  const id = randomUUID();
  return toSqsRecord({ MessageId: id, ReceiptHandle: id, Body: body }, QUEUE_ARN, REGION);
};

/** Written one after another: setup, never timed. */
const waitingReturns = async (count: number): Promise<SQSRecord[]> => {
  const records: SQSRecord[] = [];
  for (let i = 0; i < count; i++) records.push(await waitingReturnWithResult());
  return records;
};

const inBatches = (records: SQSRecord[], size: number): SQSRecord[][] =>
  Array.from({ length: Math.ceil(records.length / size) }, (_, i) => records.slice(i * size, (i + 1) * size));

/** One invocation; a record it reports failed fails the run, so a broken handler cannot post figures. */
const invoke = async (batch: SQSRecord[]): Promise<void> => {
  const { batchItemFailures } = await handler({ Records: batch }, lambdaContext('InspectionResults'));
  if (batchItemFailures.length > 0) {
    throw new Error(`${batchItemFailures.length} of ${batch.length} inspection results failed`);
  }
};

/**
 * `count` results (plus WARMUP more, untimed) in invocations of `batchSize` records. With `duplicates`
 * every message has been taken once already, untimed, so the timed deliveries all take the duplicate path.
 * An invocation's time is shared equally by its records: the per-record figures are what a record costs
 * inside its batch.
 */
const scenario = async (name: string, count: number, batchSize: number, duplicates = false) => {
  const warmup = inBatches(await waitingReturns(WARMUP), batchSize);
  const timed = inBatches(await waitingReturns(count), batchSize);
  const batches = [...warmup, ...timed];
  if (duplicates) for (const batch of batches) await invoke(batch);
  const timings = await timeSequentially(timed.length, (i) => invoke(batches[i]!), warmup.length);
  const perRecord = timings.flatMap((ms, i) => {
    const size = timed[i]!.length;
    return Array<number>(size).fill(ms / size);
  });
  return { scenario: name, invocations: timed.length, ...summarize(perRecord, 'records') };
};

/** One row per scenario, each `count` inspection results after the warm-up. */
export const benchInspectionConsumer = async (count: number) => [
  await scenario('batch size 1', count, 1),
  await scenario('batch size 10', count, 10),
  await scenario('batch size 10, all duplicates', count, 10, true),
];
