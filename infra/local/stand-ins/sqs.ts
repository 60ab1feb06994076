import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueNameExists,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { INSPECTION_QUEUE } from '../../../functions/consumers/inspection-queue-contract.js';

export interface SqsStandIn {
  /** e.g. `http://127.0.0.1:41236`, for `AWS_ENDPOINT_URL_SQS` or a client's `endpoint`. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * An SQS client for a local endpoint. The endpoint is explicit, as every client of a stand-in's should
 * be, so nothing depends on the host inside a queue URL. The stand-in needs a signature, not real
 * credentials.
 */
export const localSqsClient = (endpoint: string, region = process.env.AWS_REGION ?? 'us-east-1'): SQSClient =>
  new SQSClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

type FauxqsApp = ReturnType<typeof buildApp>;
type SqsPayload = { QueueUrl?: unknown; QueueUrls?: unknown };

/**
 * fauxqs names a queue `http://sqs.<region>.localhost:PORT/<account>/<name>`, a host that does not
 * resolve on most machines. Outside, this stand-in shows it as `http://127.0.0.1:PORT/<account>/<name>`,
 * which curl, the AWS CLI and any SDK client reach, and maps it back before fauxqs looks the queue up.
 * Either form is accepted.
 */
const serveReachableQueueUrls = (app: FauxqsApp): void => {
  const fauxqsUrls = new Map<string, string>();
  const reachable = (url: unknown): unknown => {
    if (typeof url !== 'string') return url;
    const shown = url.replace(/^http:\/\/sqs\.[^/]+\.localhost(:\d+)?\//, 'http://127.0.0.1$1/');
    if (shown !== url) fauxqsUrls.set(shown, url);
    return shown;
  };
  app.addHook('preSerialization', async (_request, _reply, payload: unknown) => {
    if (!payload || typeof payload !== 'object') return payload;
    const p = payload as SqsPayload;
    if ('QueueUrl' in p) return { ...p, QueueUrl: reachable(p.QueueUrl) };
    if (Array.isArray(p.QueueUrls)) return { ...p, QueueUrls: p.QueueUrls.map(reachable) };
    return payload;
  });
  app.addHook('preHandler', async (request) => {
    const body = request.body as SqsPayload | undefined;
    if (body && typeof body.QueueUrl === 'string') {
      body.QueueUrl = fauxqsUrls.get(body.QueueUrl) ?? body.QueueUrl;
    }
  });
};

/**
 * A local SQS (fauxqs, the JSON protocol) on 127.0.0.1: queues, visibility timeouts, long polling and
 * redrive to a dead-letter queue after `maxReceiveCount` receives. Without `port`, the OS picks a free one.
 *
 * fauxqs keeps everything in memory and cannot persist to disk: messages still queued or in flight are
 * lost when it stops (a local restart drops unconsumed inspection results; the queues are recreated).
 *
 * Built with fauxqs's `buildApp` rather than `startFauxqs`, which always listens on every interface:
 * like the other stand-ins, this one listens on the loopback interface only.
 */
export const startSqs = async (options: { port?: number } = {}): Promise<SqsStandIn> => {
  const requestedPort = options.port ?? 0;
  const app = buildApp({ logger: false });
  serveReachableQueueUrls(app);
  try {
    await app.listen({ port: requestedPort, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    throw new Error(`local SQS could not listen on 127.0.0.1:${requestedPort} (is the port in use?)`, {
      cause: error,
    });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= app.close());
  const endpoint = `http://127.0.0.1:${port}`;
  // Listening is not answering: ask its health check before anyone relies on it.
  const healthy =
    port !== undefined &&
    (await fetch(`${endpoint}/health`).then(
      (response) => response.ok,
      () => false,
    ));
  if (!healthy) {
    await stop();
    throw new Error(`local SQS is not answering on 127.0.0.1:${requestedPort}`);
  }
  return { endpoint, port, stop };
};

export interface InspectionQueues {
  queueUrl: string;
  queueArn: string;
  dlqUrl: string;
  dlqArn: string;
}

const queueArnOf = async (client: SQSClient, queueUrl: string): Promise<string> => {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${queueUrl} has no QueueArn`);
  return arn;
};

/**
 * SQS's "that name is taken with other attributes": the SDK names it from the header of the older query
 * protocol when there is one (`AWS.SimpleQueueService.QueueNameExists` from fauxqs, `QueueAlreadyExists`
 * from AWS), so it is not always an instance of QueueNameExists.
 */
const isNameTaken = (error: unknown): boolean =>
  error instanceof QueueNameExists ||
  (error instanceof Error && /(QueueNameExists|QueueAlreadyExists)$/.test(error.name));

/** Creates the queue with these attributes, or brings an existing one of that name to them. */
const ensureQueue = async (
  client: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<string> => {
  try {
    const { QueueUrl } = await client.send(
      new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
    );
    if (QueueUrl) return QueueUrl;
  } catch (error) {
    if (!isNameTaken(error)) throw error;
  }
  const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: name }));
  if (!QueueUrl) throw new Error(`queue ${name} has no URL`);
  await client.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: attributes }));
  return QueueUrl;
};

/**
 * The inspection queue as the stack declares it: `<prefix>-inspection-dlq`, kept for
 * `dlqRetentionDays`, and `<prefix>-inspection`, whose messages move there after `maxReceiveCount`
 * receives. Safe to call again: existing queues are kept and given these attributes.
 * `visibilityTimeoutSeconds` (the contract's by default) is shortened for demos and tests.
 */
export const ensureInspectionQueues = async (
  endpoint: string,
  prefix: string,
  options: { visibilityTimeoutSeconds?: number; region?: string } = {},
): Promise<InspectionQueues> => {
  const client = localSqsClient(endpoint, options.region);
  try {
    const dlqUrl = await ensureQueue(client, `${prefix}-inspection-dlq`, {
      MessageRetentionPeriod: String(INSPECTION_QUEUE.dlqRetentionDays * 24 * 60 * 60),
    });
    const dlqArn = await queueArnOf(client, dlqUrl);
    const queueUrl = await ensureQueue(client, `${prefix}-inspection`, {
      VisibilityTimeout: String(
        options.visibilityTimeoutSeconds ?? INSPECTION_QUEUE.visibilityTimeoutSeconds,
      ),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: dlqArn,
        maxReceiveCount: INSPECTION_QUEUE.maxReceiveCount,
      }),
    });
    return { queueUrl, queueArn: await queueArnOf(client, queueUrl), dlqUrl, dlqArn };
  } finally {
    client.destroy();
  }
};
