import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { asInvocation } from './lambda-invocations.js';
import { lambdaContext } from './proxy-event.js';
import { localSqsClient } from './stand-ins/sqs.js';

/** A Lambda handler for SQS events: what `export const handler` of a consumer module is. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface SqsPollerOptions {
  /** The local SQS endpoint (the poller's client is given it explicitly). */
  endpoint: string;
  queueUrl: string;
  handler: SqsHandler;
  /** Records per invocation, 1 to 10 (one ReceiveMessage). */
  batchSize: number;
  /** How long a received message stays hidden; a failed one is received again after it. */
  visibilityTimeoutSeconds: number;
  /** Long-poll wait of each ReceiveMessage, 0 to 20 (default 20, as Lambda's pollers). */
  waitTimeSeconds?: number;
  /** The context's function name and timeout. */
  functionName?: string;
  timeoutSeconds?: number;
  region?: string;
  /** Where the poller reports its own trouble (a failed receive or delete, a refused response). */
  onError?: (message: string, error?: unknown) => void;
}

export interface SqsPoller {
  /** Checks the queue exists (for the records' eventSourceARN), then polls until stopped. */
  start(): Promise<void>;
  /** Stops polling; resolves once the batch being handled (if any) is finished and deleted. */
  stop(): Promise<void>;
}

const RETRY_AFTER_ERROR_MS = 1_000;

const toRecordAttributes = (attributes: Message['MessageAttributes']): SQSMessageAttributes =>
  Object.fromEntries(
    Object.entries(attributes ?? {}).map(([name, value]: [string, MessageAttributeValue]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        stringListValues: value.StringListValues ?? [],
        binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined
          ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }
          : {}),
      },
    ]),
  );

/** One received message as Lambda hands it to a function. */
export const toSqsRecord = (message: Message, eventSourceARN: string, awsRegion: string): SQSRecord => {
  const system = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ...system,
      ApproximateReceiveCount: system.ApproximateReceiveCount ?? '1',
      SentTimestamp: system.SentTimestamp ?? String(Date.now()),
      SenderId: system.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: system.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: toRecordAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
};

/**
 * The records to delete after an invocation, as Lambda's event source mapping with
 * ReportBatchItemFailures decides: all but those listed in `batchItemFailures`; none if the response
 * names a record that is not in the batch or names none (Lambda then fails the whole batch).
 */
export const recordsToDelete = (
  records: SQSRecord[],
  response: SQSBatchResponse | void | null | undefined,
): SQSRecord[] | 'invalid-response' => {
  const failures = response?.batchItemFailures ?? [];
  const ids = new Set(records.map((r) => r.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return 'invalid-response';
    failed.add(id);
  }
  return records.filter((r) => !failed.has(r.messageId));
};

/**
 * Lambda's SQS event source, locally: long-polls the queue, hands each batch to the handler as an
 * `SQSEvent`, and deletes the records the handler did not report in `batchItemFailures` (none when it
 * throws). It does not retry anything itself: a failed message becomes visible again after the visibility
 * timeout and is received again, and the queue's redrive policy moves it to the dead-letter queue after
 * `maxReceiveCount` receives. One batch at a time (Lambda runs several pollers and instances at once).
 */
export const startSqsPoller = (options: SqsPollerOptions): SqsPoller => {
  const { batchSize, visibilityTimeoutSeconds, waitTimeSeconds = 20 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) {
    throw new Error(`batchSize must be an integer from 1 to 10, not ${batchSize}`);
  }
  if (!Number.isInteger(visibilityTimeoutSeconds) || visibilityTimeoutSeconds < 0) {
    throw new Error(
      `visibilityTimeoutSeconds must be a whole number of seconds, not ${visibilityTimeoutSeconds}`,
    );
  }
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const functionName = options.functionName ?? 'sqs-consumer';
  const report =
    options.onError ??
    ((message: string, error?: unknown) => console.error(`[sqs-poller] ${message}`, error ?? ''));
  const client = localSqsClient(options.endpoint, region);
  const polling = new AbortController();
  let loop: Promise<void> | undefined;
  let stopping = false;

  const receive = async (): Promise<Message[]> => {
    const { Messages } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: batchSize,
        VisibilityTimeout: visibilityTimeoutSeconds,
        WaitTimeSeconds: waitTimeSeconds,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: [
          'All',
          'ApproximateReceiveCount',
          'ApproximateFirstReceiveTimestamp',
          'SentTimestamp',
          'SenderId',
          'AWSTraceHeader',
        ],
      }),
      { abortSignal: polling.signal },
    );
    return Messages ?? [];
  };

  const remove = async (records: SQSRecord[]): Promise<void> => {
    if (records.length === 0) return;
    const { Failed } = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: records.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
      }),
    );
    for (const failure of Failed ?? []) {
      report(`could not delete message ${records[Number(failure.Id)]?.messageId}: ${failure.Message}`);
    }
  };

  const handle = async (records: SQSRecord[]): Promise<void> => {
    let response: SQSBatchResponse | void;
    try {
      response = await asInvocation(() =>
        options.handler(
          { Records: records },
          lambdaContext(functionName, (options.timeoutSeconds ?? 30) * 1000),
        ),
      );
    } catch (error) {
      // As Lambda: the whole batch comes back after the visibility timeout.
      report(`${functionName} failed the whole batch of ${records.length}`, error);
      return;
    }
    const done = recordsToDelete(records, response);
    if (done === 'invalid-response') {
      report(`${functionName} answered batchItemFailures that do not name records of the batch`, response);
      return;
    }
    await remove(done);
  };

  const run = async (eventSourceARN: string): Promise<void> => {
    while (!stopping) {
      try {
        const messages = await receive();
        if (messages.length > 0) await handle(messages.map((m) => toSqsRecord(m, eventSourceARN, region)));
      } catch (error) {
        if (stopping) break;
        report(`polling ${options.queueUrl} failed; retrying`, error);
        await sleep(RETRY_AFTER_ERROR_MS, undefined, { signal: polling.signal }).catch(() => undefined);
      }
    }
  };

  return {
    start: async () => {
      if (loop) return;
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['QueueArn'] }),
      );
      const arn = Attributes?.QueueArn;
      if (!arn) throw new Error(`queue ${options.queueUrl} has no QueueArn`);
      loop ??= run(arn);
    },
    stop: async () => {
      stopping = true;
      // Ends a long poll at once (as on SQS, the server may still hand that poll a message, which then
      // comes back after the visibility timeout); a batch being handled finishes, and its deletes are sent.
      polling.abort();
      await loop;
      client.destroy();
    },
  };
};
