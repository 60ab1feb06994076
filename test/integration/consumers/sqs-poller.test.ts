import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { INSPECTION_QUEUE } from '../../../functions/consumers/inspection-queue-contract.js';
import { startSqsPoller, type SqsHandler, type SqsPoller } from '../../../infra/local/sqs-poller.js';
import {
  ensureInspectionQueues,
  localSqsClient,
  startSqs,
  type InspectionQueues,
} from '../../../infra/local/stand-ins/sqs.js';
import { freePort } from '../../../infra/local/stand-ins/free-port.js';
import { createServer } from 'node:net';
import { uniqueId } from '../support/table.js';

/**
 * The local SQS event source against the shared fauxqs: each test has its own queue and dead-letter
 * queue (the inspection queue's redrive policy) with a 1 s visibility timeout, so redeliveries are quick.
 */
const endpoint = inject('sqsEndpoint');
const sqs = localSqsClient(endpoint);
const VISIBILITY_SECONDS = 1;

const pollers: SqsPoller[] = [];
afterEach(async () => {
  while (pollers.length > 0) await pollers.pop()?.stop();
});
afterAll(() => sqs.destroy());

const freshQueues = (): Promise<InspectionQueues> =>
  ensureInspectionQueues(endpoint, uniqueId('poller'), { visibilityTimeoutSeconds: VISIBILITY_SECONDS });

const sendBodies = async (queueUrl: string, bodies: string[]): Promise<void> => {
  for (let i = 0; i < bodies.length; i += 10) {
    const entries = bodies.slice(i, i + 10).map((body, j) => ({ Id: `m${i + j}`, MessageBody: body }));
    const { Failed } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    expect(Failed ?? []).toEqual([]);
  }
};

/** What one invocation saw: each record's body and receive count. */
interface Seen {
  body: string;
  messageId: string;
  receiveCount: number;
}
const seenIn = (event: SQSEvent): Seen[] =>
  event.Records.map((r: SQSRecord) => ({
    body: r.body,
    messageId: r.messageId,
    receiveCount: Number(r.attributes.ApproximateReceiveCount),
  }));

const started = async (
  queueUrl: string,
  handler: SqsHandler,
  options: { batchSize?: number; errors?: string[] } = {},
): Promise<SqsPoller> => {
  const poller = startSqsPoller({
    endpoint,
    queueUrl,
    handler,
    batchSize: options.batchSize ?? 10,
    visibilityTimeoutSeconds: VISIBILITY_SECONDS,
    waitTimeSeconds: 1,
    onError: (message) => options.errors?.push(message),
  });
  pollers.push(poller);
  await poller.start();
  return poller;
};

const waitUntil = async (condition: () => boolean | Promise<boolean>, timeoutMs = 12_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
};

/** Visible plus in-flight messages. */
const messagesIn = async (queueUrl: string): Promise<number> => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
};

const receiveOne = async (queueUrl: string): Promise<Message | undefined> => {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return Messages?.[0];
};

const countBy = (seen: Seen[]): Record<string, number> =>
  seen.reduce<Record<string, number>>(
    (counts, s) => ({ ...counts, [s.body]: (counts[s.body] ?? 0) + 1 }),
    {},
  );

describe('the local SQS event source', () => {
  it('deletes the records that succeeded, redelivers the failed one until the queue dead-letters it', async () => {
    const { queueUrl, queueArn, dlqUrl } = await freshQueues();
    await sendBodies(queueUrl, ['ok-1', 'ok-2', 'poison', 'ok-3', 'ok-4']);
    const seen: Seen[] = [];
    const events: SQSEvent[] = [];

    await started(queueUrl, async (event): Promise<SQSBatchResponse> => {
      events.push(event);
      seen.push(...seenIn(event));
      return {
        batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({
          itemIdentifier: r.messageId,
        })),
      };
    });
    let dead: Message | undefined;
    await waitUntil(async () => (dead ??= await receiveOne(dlqUrl)) !== undefined);

    expect(countBy(seen)).toEqual({
      'ok-1': 1,
      'ok-2': 1,
      'ok-3': 1,
      'ok-4': 1,
      poison: INSPECTION_QUEUE.maxReceiveCount,
    });
    expect(seen.filter((s) => s.body === 'poison').map((s) => s.receiveCount)).toEqual([1, 2, 3]);
    const poisonId = seen.find((s) => s.body === 'poison')!.messageId;
    expect(dead).toMatchObject({ MessageId: poisonId, Body: 'poison' });
    expect(await messagesIn(queueUrl)).toBe(0);
    // The records are what Lambda hands a function.
    expect(events[0]!.Records[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-east-1',
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      receiptHandle: expect.any(String),
      messageAttributes: {},
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d+$/),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
        SenderId: expect.any(String),
      },
    });
  });

  it('never hands the handler more records than the batch size', async () => {
    const { queueUrl } = await freshQueues();
    const bodies = Array.from({ length: 7 }, (_, i) => `message-${i}`);
    await sendBodies(queueUrl, bodies);
    const sizes: number[] = [];
    const seen: Seen[] = [];

    await started(
      queueUrl,
      async (event) => {
        sizes.push(event.Records.length);
        seen.push(...seenIn(event));
      },
      { batchSize: 3 },
    );
    await waitUntil(async () => seen.length >= bodies.length && (await messagesIn(queueUrl)) === 0);

    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(countBy(seen)).toEqual(Object.fromEntries(bodies.map((b) => [b, 1])));
  });

  it('deletes nothing when the handler throws: the whole batch comes back', async () => {
    const { queueUrl } = await freshQueues();
    await sendBodies(queueUrl, ['a', 'b', 'c']);
    const seen: Seen[][] = [];
    const errors: string[] = [];

    await started(
      queueUrl,
      async (event) => {
        seen.push(seenIn(event));
        if (seen.length === 1) throw new Error('the function crashed');
      },
      { errors },
    );
    await waitUntil(
      async () =>
        seen.flat().filter((s) => s.receiveCount === 2).length === 3 && (await messagesIn(queueUrl)) === 0,
    );

    const [first, ...later] = seen;
    expect(first!.map((s) => s.body).sort()).toEqual(['a', 'b', 'c']);
    expect(
      later
        .flat()
        .map((s) => [s.body, s.receiveCount])
        .sort(),
    ).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 2],
    ]);
    expect(errors).toEqual([expect.stringContaining('failed the whole batch of 3')]);
  });

  it('deletes nothing when batchItemFailures names a record that is not in the batch', async () => {
    const { queueUrl } = await freshQueues();
    await sendBodies(queueUrl, ['x', 'y']);
    const seen: Seen[] = [];
    const errors: string[] = [];
    let calls = 0;

    await started(
      queueUrl,
      async (event): Promise<SQSBatchResponse> => {
        seen.push(...seenIn(event));
        calls += 1;
        return { batchItemFailures: calls === 1 ? [{ itemIdentifier: 'not-in-this-batch' }] : [] };
      },
      { errors },
    );
    await waitUntil(async () => seen.length >= 4 && (await messagesIn(queueUrl)) === 0);

    expect(countBy(seen)).toEqual({ x: 2, y: 2 });
    expect(errors).toEqual([expect.stringContaining('do not name records of the batch')]);
  });

  it('finishes and deletes the batch in hand when stopped', async () => {
    const { queueUrl } = await freshQueues();
    await sendBodies(queueUrl, ['slow']);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let handling = false;
    let finished = false;

    const poller = await started(queueUrl, async () => {
      handling = true;
      await released;
      finished = true;
    });
    await waitUntil(() => handling);
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await sleep(200);
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(finished).toBe(true);
    expect(await messagesIn(queueUrl)).toBe(0);
  });
});

describe('the local SQS stand-in', () => {
  it('refuses, with a catchable error, a port that is taken', async () => {
    const port = await freePort();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startSqs({ port })).rejects.toThrow(/could not listen/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('creates the inspection queues once and brings them to the asked attributes on later calls', async () => {
    const prefix = uniqueId('queues');
    const first = await ensureInspectionQueues(endpoint, prefix);
    const again = await ensureInspectionQueues(endpoint, prefix, { visibilityTimeoutSeconds: 5 });

    expect(again).toEqual(first);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: first.queueUrl, AttributeNames: ['All'] }),
    );
    expect(Attributes).toMatchObject({ VisibilityTimeout: '5' });
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({
      deadLetterTargetArn: first.dlqArn,
      maxReceiveCount: INSPECTION_QUEUE.maxReceiveCount,
    });
  });

  it('names its queues on 127.0.0.1, so a client given only the queue URL reaches them', async () => {
    const prefix = uniqueId('reachable');
    const { queueUrl, dlqUrl } = await ensureInspectionQueues(endpoint, prefix);
    expect(queueUrl).toBe(`${endpoint}/000000000000/${prefix}-inspection`);
    expect(dlqUrl).toBe(`${endpoint}/000000000000/${prefix}-inspection-dlq`);

    // No endpoint: the SDK sends to the queue URL's own host, as the AWS CLI or a warehouse's system would.
    const bare = new SQSClient({
      region: 'us-east-1',
      useQueueUrlAsEndpoint: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await bare.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'from the URL alone' }));
    } finally {
      bare.destroy();
    }
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(Messages?.map((m) => m.Body)).toEqual(['from the URL alone']);
  });
});
