import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DynamoReturnRepository } from '../../../functions/adapters/dynamodb/return-repository.js';
import { handler } from '../../../functions/consumers/inspection-results.js';
import { logger } from '../../../functions/shared/observability.js';
import { lambdaContext } from '../../../infra/local/proxy-event.js';
import { startSqsPoller, toSqsRecord } from '../../../infra/local/sqs-poller.js';
import {
  ensureInspectionQueues,
  localSqsClient,
  type InspectionQueues,
} from '../../../infra/local/stand-ins/sqs.js';
import type { InspectionMessage } from '../../../domain/inspection.js';
import type { Return, Status } from '../../../domain/return.js';
import { makeReturn } from '../../support/return-factory.js';
import { tableOptions, uniqueId, uniqueSellerId } from '../support/table.js';
import { sendInspectionResult } from '../support/warehouse.js';

/**
 * The inspection queue's consumer, the real handler module, against the shared dynalite and the recording
 * Step Functions API (global-setup.ts). Its events are built from messages sent to and received from a
 * queue of this file's own on the shared local SQS, exactly as the local poller builds them.
 */
const endpoint = inject('sqsEndpoint');
const sfnEndpoint = inject('sfnEndpoint');
const sqs = localSqsClient(endpoint);
const repo = new DynamoReturnRepository(tableOptions());
let queues: InspectionQueues;

beforeAll(async () => {
  queues = await ensureInspectionQueues(endpoint, uniqueId('consumer'));
});
afterAll(() => sqs.destroy());
afterEach(() => vi.restoreAllMocks());

/** The handler's log lines, kept off the test output. */
const logs = () => ({
  info: vi.spyOn(logger, 'info').mockImplementation(() => undefined),
  warn: vi.spyOn(logger, 'warn').mockImplementation(() => undefined),
  error: vi.spyOn(logger, 'error').mockImplementation(() => undefined),
});

const storedReturn = async (status: Status): Promise<Return> => {
  const ret = makeReturn({
    sellerId: uniqueSellerId(),
    status,
    pipeline: { inspectionToken: uniqueId('inspection-token') },
  });
  await repo.create(ret);
  return ret;
};

const stored = async (ret: Return): Promise<Return> => (await repo.get(ret.sellerId, ret.id))!;

const inspectionOf = (ret: Return): InspectionMessage => ({
  returnId: ret.id,
  sellerId: ret.sellerId,
  lines: [{ sku: 'SKU-1', grade: 'OPENED', notes: 'box opened, item intact' }],
  disposition: 'RESTOCK',
  inspector: 'dock-7',
});

/** Sends raw bodies, then receives exactly those messages back. */
const receiveSent = async (messageIds: string[]): Promise<Message[]> => {
  const wanted = new Set(messageIds);
  const received: Message[] = [];
  const deadline = Date.now() + 10_000;
  while (received.length < wanted.size && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queues.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    received.push(...Messages.filter((m) => wanted.has(m.MessageId!)));
  }
  expect(received).toHaveLength(wanted.size);
  return messageIds.map((id) => received.find((m) => m.MessageId === id)!);
};

const sendRaw = async (body: string): Promise<string> =>
  (await sqs.send(new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: body }))).MessageId!;

/** An SQS event of these messages, in this order: an inspection message is sent as a warehouse sends it. */
const eventOf = async (...messages: Array<InspectionMessage | string>): Promise<SQSEvent> => {
  const ids: string[] = [];
  for (const m of messages)
    ids.push(typeof m === 'string' ? await sendRaw(m) : await sendInspectionResult(sqs, queues.queueUrl, m));
  const received = await receiveSent(ids);
  return { Records: received.map((m) => toSqsRecord(m, queues.queueArn, 'us-east-1')) };
};

const invoke = (event: SQSEvent): Promise<SQSBatchResponse> =>
  handler(event, lambdaContext('InspectionResults', 10_000));

const failedIds = (response: SQSBatchResponse): string[] =>
  response.batchItemFailures.map((f) => f.itemIdentifier).sort();

const resumesOf = async (taskToken: string | undefined) => {
  const { callbacks } = (await (await fetch(`${sfnEndpoint}/local/recorded`)).json()) as {
    callbacks: Array<{ kind: string; taskToken: string; output?: unknown }>;
  };
  return callbacks.filter((c) => c.taskToken === taskToken);
};

describe('inspection results consumer', () => {
  it('records the inspection of a delivered return and resumes the run waiting for it', async () => {
    const log = logs();
    const ret = await storedReturn('DELIVERED');
    const message = inspectionOf(ret);

    const response = await invoke(await eventOf(message));

    expect(response).toEqual({ batchItemFailures: [] });
    const after = await stored(ret);
    const { returnId: _r, sellerId: _s, ...inspection } = message;
    expect(after).toMatchObject({ status: 'INSPECTED', inspection, version: ret.version + 1 });
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'RECORD_INSPECTION',
      from: 'DELIVERED',
      to: 'INSPECTED',
      actor: { kind: 'warehouse', id: 'dock-7' },
    });
    expect(await resumesOf(ret.pipeline?.inspectionToken)).toEqual([
      expect.objectContaining({ kind: 'success', output: { inspectedAt: after.updatedAt } }),
    ]);
    expect(log.info).toHaveBeenCalledWith('inspection result taken', { outcome: 'recorded' });
  });

  it('takes the same result twice as one: a single timeline entry, the second a duplicate', async () => {
    const log = logs();
    const ret = await storedReturn('DELIVERED');
    const message = inspectionOf(ret);

    const first = await invoke(await eventOf(message));
    const recorded = await stored(ret);
    // Resent, and twice in one batch, as at-least-once delivery may hand it over.
    const second = await invoke(await eventOf(message));
    const third = await invoke(await eventOf(message, message));

    expect([first, second, third]).toEqual([
      { batchItemFailures: [] },
      { batchItemFailures: [] },
      { batchItemFailures: [] },
    ]);
    const after = await stored(ret);
    expect(after).toEqual(recorded);
    expect(after.timeline.filter((e) => e.type === 'RECORD_INSPECTION')).toHaveLength(1);
    expect(log.info.mock.calls.map(([, facts]) => facts)).toEqual([
      { outcome: 'recorded' },
      { outcome: 'duplicate' },
      { outcome: 'duplicate' },
      { outcome: 'duplicate' },
    ]);
    // The wait is resumed once: the later resumes find the task closed, which the adapter ignores.
    expect(await resumesOf(ret.pipeline?.inspectionToken)).toHaveLength(1);
  });

  it('fails only the poison messages of a batch and records the valid one', async () => {
    const log = logs();
    const ret = await storedReturn('DELIVERED');
    const valid = inspectionOf(ret);
    const { disposition: _d, ...withoutDisposition } = valid;

    const event = await eventOf(
      'not json {',
      JSON.stringify(withoutDisposition),
      valid,
      JSON.stringify({ ...valid, refundNow: true }),
    );
    const response = await invoke(event);

    const [notJson, failsSchema, , unknownField] = event.Records.map((r) => r.messageId);
    expect(failedIds(response)).toEqual([notJson, failsSchema, unknownField].sort());
    expect((await stored(ret)).status).toBe('INSPECTED');
    const reasons = log.error.mock.calls.map(([text, facts]) => [text, (facts as { reason: string }).reason]);
    expect(reasons).toEqual([
      ['inspection result cannot be recorded', expect.stringContaining('body is not JSON')],
      ['inspection result cannot be recorded', expect.stringContaining('disposition')],
      ['inspection result cannot be recorded', expect.stringContaining('refundNow')],
    ]);
  });

  it('fails the record of a return still on its way, so the queue brings it back later', async () => {
    const log = logs();
    const ret = await storedReturn('IN_TRANSIT');

    const event = await eventOf(inspectionOf(ret));
    const response = await invoke(event);

    expect(failedIds(response)).toEqual([event.Records[0]!.messageId]);
    expect(await stored(ret)).toEqual(ret);
    expect(await resumesOf(ret.pipeline?.inspectionToken)).toEqual([]);
    expect(log.warn).toHaveBeenCalledWith(
      'inspection result arrived before the parcel; it will be retried',
      expect.objectContaining({ reason: expect.stringContaining('IN_TRANSIT'), receiveCount: 1 }),
    );
  });

  it('fails the records of a return that does not exist or cannot take an inspection', async () => {
    const log = logs();
    const closed = await storedReturn('CLOSED');
    const missing = { ...inspectionOf(closed), sellerId: uniqueSellerId() };

    const event = await eventOf(inspectionOf(closed), missing);
    const response = await invoke(event);

    expect(failedIds(response)).toEqual(event.Records.map((r) => r.messageId).sort());
    expect(await stored(closed)).toEqual(closed);
    expect(log.error).toHaveBeenCalledTimes(2);
  });

  it('takes results from the queue through the local event source, deleting what it recorded', async () => {
    logs();
    const ret = await storedReturn('DELIVERED');
    // Its own queue: a long poll cut short by stop() may still take a message there (as on SQS).
    const own = await ensureInspectionQueues(endpoint, uniqueId('consumer-poller'));
    const poller = startSqsPoller({
      endpoint,
      queueUrl: own.queueUrl,
      handler,
      batchSize: 10,
      visibilityTimeoutSeconds: 5,
      waitTimeSeconds: 1,
    });
    await poller.start();
    try {
      await sendInspectionResult(sqs, own.queueUrl, inspectionOf(ret));
      const deadline = Date.now() + 10_000;
      while ((await stored(ret)).status !== 'INSPECTED' && Date.now() < deadline) await sleep(50);
    } finally {
      await poller.stop();
    }

    expect((await stored(ret)).status).toBe('INSPECTED');
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: own.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });
});
