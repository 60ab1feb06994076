import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { useOrStartDynamoDb } from './stand-ins/dynamodb.js';
import { startEventBridge } from './stand-ins/eventbridge.js';
import { startKms } from './stand-ins/kms.js';
import { startSecretsManager } from './stand-ins/secrets-manager.js';
import { setUpStripePlatform } from './seed-stripe-platform.js';
import { startEasyPostStandIn, type EasyPostStandIn } from './stand-ins/easypost/easypost-stand-in.js';
import { registerDemoWebhook, seedDemoEasyPostConnection } from './seed-demo-connection.js';
import { startSes } from './stand-ins/ses.js';
import { ensureInspectionQueues, startSqs } from './stand-ins/sqs.js';
import { startSqsPoller, type SqsHandler } from './sqs-poller.js';
import { startPeriodicTask } from './periodic-task.js';
import { INSPECTION_QUEUE } from '../../functions/consumers/inspection-queue-contract.js';
import { ensureTable } from './ensure-table.js';
import { startApiGateway } from './api-gateway-server.js';
import { seedDemoSellers, type DemoSellerKey } from './seed-demo-sellers.js';
import { connectStripeDemo, STRIPE_DEMO_SELLER } from './seed-stripe-demo.js';
import { startLocalStepFunctions } from './step-functions/local-step-functions.js';
import { ensureCarrierSecrets } from './carrier-secrets-file.js';
import { startStripeStandIn, type StripeStandIn } from './stand-ins/stripe/server.js';
import { allRegionsMarketplacesEnvironment } from '../marketplaces-environment.js';
import { CONSOLE_DIST } from '../../console/bundle.js';
import { startDeadlinePoller, sweepIntervalMs, type SweepHandler } from './deadline-poller.js';

export interface LocalRuntimeOptions {
  /** Where data lives across restarts (`.local/` by default). */
  dataDir: string;
  /** The API port (PORT, default 3000); 0 picks a free one. */
  port: number;
  dynamoDbPort?: number;
  /** An existing DynamoDB to use instead of starting dynalite (DYNAMODB_ENDPOINT); the table is created if missing. */
  dynamoDbEndpoint?: string;
  sesPort?: number;
  /** The local Step Functions API's port; a free one when absent. */
  sfnPort?: number;
  /** The local SQS port; a free one when absent. */
  sqsPort?: number;
  /**
   * How long a failed inspection result stays hidden before it is retried (the contract's 60 s by
   * default, or LOCAL_INSPECTION_VISIBILITY_SECONDS), shorter for demos and tests.
   */
  inspectionVisibilityTimeoutSeconds?: number;
  /**
   * How often the events poller dispatches what the outbox holds (LOCAL_OUTBOX_POLL_MS, default 250):
   * the stand-in for the table's stream, which dynalite lacks.
   */
  outboxPollMs?: number;
  /**
   * How long an event waits in the outbox before the poller dispatches it (LOCAL_OUTBOX_SETTLE_MS,
   * default 500), as the stack's stream batches a second of writes: a step's writes in quick succession
   * go out in one pass, with one drain, instead of a pass racing each write.
   */
  outboxSettleMs?: number;
  /** A Stripe-compatible API to use (STRIPE_API_BASE) instead of starting the Stripe stand-in. */
  stripeApiBase?: string;
  /** An EasyPost API to use instead of starting the stand-in (EASYPOST_API_BASE). */
  easypostApiBase?: string;
  /** Told each start-up step as it begins. */
  progress?: (step: string) => void;
  /** Gets one line per API request (method, path, status, time). */
  logRequest?: (line: string) => void;
}

export interface LocalRuntime {
  endpoints: {
    api: string;
    console: string;
    ses: string;
    dynamodb: string;
    sfn: string;
    sqs: string;
    kms: string;
    secretsManager: string;
    /** The recording EventBridge stand-in: `GET /entries` lists what was put on the bus. */
    eventbridge: string;
    stripe: string;
    /** The EasyPost API the SDK talks to (EASYPOST_API_BASE, or the stand-in's `/v2/`). */
    easypost: string;
  };
  /** The inspection queue and its dead-letter queue on the local SQS. */
  inspectionQueueUrl: string;
  inspectionDlqUrl: string;
  sellers: DemoSellerKey[];
  stop(): Promise<void>;
}

const TABLE_NAME = 'returns-local';
const QUEUE_PREFIX = 'returns-local';
/** The consumer the stack subscribes to the inspection queue. */
const INSPECTION_CONSUMER_ENTRY = 'functions/consumers/inspection-results.ts';
/** What the stack's outbox stream and sweeper run; locally a poller calls it. */
const EVENTS_DISPATCH_ENTRY = 'functions/events/dispatch-pending.ts';
/** What the stack's webhook-delivery schedule runs. */
const WEBHOOK_DELIVERIES_ENTRY = 'functions/events/webhook-deliveries.ts';

/** Whole milliseconds from an option or its variable, at least `least`, else `fallback`. */
const millisecondsOf = (
  name: string,
  option: number | undefined,
  fallback: number,
  least: number,
): number => {
  const raw = option ?? process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < least)
    throw new Error(`${name} must be whole milliseconds, at least ${least}, not ${raw}`);
  return ms;
};
const outboxPollMs = (option: number | undefined): number =>
  millisecondsOf('LOCAL_OUTBOX_POLL_MS', option, 250, 10);
const outboxSettleMs = (option: number | undefined): number =>
  millisecondsOf('LOCAL_OUTBOX_SETTLE_MS', option, 500, 0);
/** The sweeper the stack's schedule invokes (infra/constructs/deadline-sweeper.ts, not loaded here: CDK). */
const DEADLINE_SWEEPER_ENTRY = 'functions/deadlines/sweep-deadlines.ts';

const inspectionVisibilitySeconds = (option: number | undefined): number => {
  const raw = option ?? process.env.LOCAL_INSPECTION_VISIBILITY_SECONDS;
  if (raw === undefined || raw === '') return INSPECTION_QUEUE.visibilityTimeoutSeconds;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) {
    throw new Error(`LOCAL_INSPECTION_VISIBILITY_SECONDS must be whole seconds from 0 to 43200, not ${raw}`);
  }
  return seconds;
};

/** The environment a deployed function gets from the stack, pointed at the local stand-ins. */
const handlerEnvironment = (
  dataDir: string,
  dynamodb: string,
  ses: string,
  sqs: { endpoint: string },
  carrierSecretsFile: string,
  kms: { endpoint: string; keyId: string; linkKeyId: string },
  secretsManager: string,
  easypostApiBase: string,
): Record<string, string> => ({
  TABLE_NAME,
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: dynamodb,
  AWS_ENDPOINT_URL_SESV2: ses,
  AWS_ENDPOINT_URL_SQS: sqs.endpoint,
  // Sellers' connection secrets are sealed by the KMS stand-in's key, kept in <dataDir>/kms-key.
  AWS_ENDPOINT_URL_KMS: kms.endpoint,
  CONNECTION_SECRETS_KEY_ID: kms.keyId,
  // The Stripe Connect platform's secret (STRIPE_CONNECT_PLATFORM_KEY_ARN) is read from this stand-in.
  AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager,
  // Buyer links are signed by the stand-in's HMAC key (GenerateMac/VerifyMac), from the same file.
  LINK_SIGNING_KEY_ID: kms.linkKeyId,
  SENDER_EMAIL: 'returns@returns.local',
  POWERTOOLS_SERVICE_NAME: 'returns-local',
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  // One local runtime stands for every configured region: all their marketplaces, with their legal floors.
  REGION_MARKETPLACES: allRegionsMarketplacesEnvironment(),
  // Metrics would be EMF lines on the console; CloudWatch is not here to read them.
  POWERTOOLS_METRICS_DISABLED: 'true',
  // In the stack, CARRIER_SECRETS_ARN names a Secrets Manager secret; here a file of the same shape.
  CARRIER_SECRETS_FILE: carrierSecretsFile,
  // `{"outage": true}` in this file makes the fake carrier's label API fail, to show the failure path.
  FAKE_CARRIER_CONTROL_FILE: join(dataDir, 'fake-carrier.json'),
  // The EasyPost SDK's base URL: the stand-in's, unless EASYPOST_API_BASE named another.
  EASYPOST_API_BASE: easypostApiBase,
  // Webhooks may go to http://127.0.0.1 (the local receiver, `npm run receiver`); a stack allows https to
  // public addresses only.
  WEBHOOKS_ALLOW_LOCAL_HTTP: 'true',
  WEBHOOK_TIMEOUT_MS: process.env.WEBHOOK_TIMEOUT_MS ?? '5000',
  // GET /v1/events shows an event once its change has settled; no local step waits long on a provider.
  EVENT_FEED_SETTLE_MS: process.env.EVENT_FEED_SETTLE_MS ?? '2000',
});

const closeServer = (server: Server): Promise<void> =>
  new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });

/**
 * The whole system on this machine: dynalite with data on disk, a local SES, a local SQS with the
 * inspection queue drained into its consumer by a poller with Lambda's event-source semantics, the
 * synthesized state machine on a local interpreter, and the API handlers behind an API Gateway stand-in,
 * plus two demo sellers and each carrier's webhook secret. Everything it writes lives in `dataDir`.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions): Promise<LocalRuntime> => {
  const dataDir = resolve(options.dataDir);
  const progress = options.progress ?? (() => {});
  await mkdir(dataDir, { recursive: true });
  progress(
    options.dynamoDbEndpoint
      ? `DynamoDB: ${options.dynamoDbEndpoint} (DYNAMODB_ENDPOINT)`
      : `DynamoDB: dynalite, data in ${join(dataDir, 'dynamodb')}`,
  );
  const dynamodb = await useOrStartDynamoDb({
    endpoint: options.dynamoDbEndpoint,
    path: join(dataDir, 'dynamodb'),
    port: options.dynamoDbPort,
  });
  progress('SES: aws-ses-v2-local, capturing every mail');
  const ses = await startSes({ port: options.sesPort });
  progress('SQS: fauxqs (in memory), the inspection queue and its dead-letter queue');
  // In memory only (fauxqs cannot persist): inspection results not yet consumed are lost on a restart.
  const sqs = await startSqs({ port: options.sqsPort });
  const visibilityTimeoutSeconds = inspectionVisibilitySeconds(options.inspectionVisibilityTimeoutSeconds);
  const queues = await ensureInspectionQueues(sqs.endpoint, QUEUE_PREFIX, {
    visibilityTimeoutSeconds,
    region: process.env.AWS_REGION ?? 'us-east-1',
  });
  progress(
    `KMS: a local stand-in sealing sellers' connection secrets, its key in ${join(dataDir, 'kms-key')}`,
  );
  const kms = await startKms({ keyFile: join(dataDir, 'kms-key') });
  progress('Secrets Manager: a local stand-in (in memory) holding the Stripe Connect platform secret');
  const secretsManager = await startSecretsManager({ region: process.env.AWS_REGION ?? 'us-east-1' });
  progress(
    `EventBridge: a recording stand-in of the region's bus, each entry in ${join(dataDir, 'eventbridge.jsonl')}`,
  );
  const eventbridge = await startEventBridge({ logFile: join(dataDir, 'eventbridge.jsonl') });
  // The events' dispatcher puts every event on the bus, as deployed: here on the stand-in's.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_EVENTBRIDGE: eventbridge.endpoint,
    EVENT_BUS_NAME: 'default',
  });
  // The outside world faked: Stripe's API, unless STRIPE_API_BASE names one. Its books and its failure
  // modes (`.local/stripe.json`, see stand-ins/stripe/control.ts) live in the data directory.
  let stripe: StripeStandIn | undefined;
  if (!options.stripeApiBase) {
    progress(`Stripe: the Stripe API stand-in, failure modes in ${join(dataDir, 'stripe.json')}`);
    stripe = await startStripeStandIn({
      ledgerFile: join(dataDir, 'stripe-ledger.json'),
      controlFile: join(dataDir, 'stripe.json'),
    });
  } else progress(`Stripe: ${options.stripeApiBase} (STRIPE_API_BASE)`);
  const stripeApiBase = options.stripeApiBase ?? stripe!.endpoint;
  process.env.STRIPE_API_BASE = stripeApiBase;
  let easypost: EasyPostStandIn | undefined;
  if (options.easypostApiBase) {
    progress(`EasyPost: ${options.easypostApiBase} (EASYPOST_API_BASE)`);
  } else {
    progress(`EasyPost: a stand-in selling PDF labels; ${join(dataDir, 'easypost.json')} makes it misbehave`);
    easypost = await startEasyPostStandIn({
      stateFile: join(dataDir, 'easypost-stand-in.json'),
      controlFile: join(dataDir, 'easypost.json'),
    });
  }
  const easypostApiBase = options.easypostApiBase ?? easypost!.apiBase;
  progress(`the carriers' webhook signing secrets, in ${join(dataDir, 'carriers.json')}`);
  const carrierSecrets = await ensureCarrierSecrets(dataDir);
  Object.assign(
    process.env,
    handlerEnvironment(
      dataDir,
      dynamodb.endpoint,
      ses.endpoint,
      { endpoint: sqs.endpoint },
      carrierSecrets.path,
      kms,
      secretsManager.endpoint,
      easypostApiBase,
    ),
  );
  progress(`the table ${TABLE_NAME}`);
  await ensureTable(dynamodb.endpoint, TABLE_NAME);

  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamodb.endpoint }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  progress('the demo sellers and their API keys');
  const sellersFile = join(dataDir, 'sellers.json');
  const known = await readFile(sellersFile, 'utf8').then(
    (text) => JSON.parse(text) as DemoSellerKey[],
    () => [],
  );
  const sellers = await seedDemoSellers({ client, tableName: TABLE_NAME }, known);
  progress('the demo seller Acme connected to EasyPost, through the connection store');
  const demoConnection = await seedDemoEasyPostConnection({ client, tableName: TABLE_NAME });
  client.destroy();

  // The pipeline, before any handler module is loaded (they read STATE_MACHINE_ARN at module scope);
  // kept runs resume once the handlers can reach it (AWS_ENDPOINT_URL_SFN), since resuming runs tasks.
  progress(
    'the pipeline: the state machine CDK synthesizes (the first start synthesizes it, 10 to 30 s; then it is cached)',
  );
  const sfn = await startLocalStepFunctions({
    dataDir,
    region: process.env.AWS_REGION!,
    port: options.sfnPort,
  });
  Object.assign(process.env, sfn.environment);
  progress('the pipeline: resuming the runs a previous start left waiting');
  sfn.resume();

  progress('the API: loading the handler modules the stack deploys');
  const api = await startApiGateway({
    root: process.cwd(),
    port: options.port,
    log: options.logRequest,
    consoleDir: CONSOLE_DIST,
  });
  const address = api.address();
  const apiPort = typeof address === 'object' && address ? address.port : options.port;
  // The base of the webhook URLs sellers' connections show (read per request).
  process.env.PUBLIC_API_URL = `http://127.0.0.1:${apiPort}`;
  await registerDemoWebhook(easypostApiBase, process.env.PUBLIC_API_URL, demoConnection).catch(
    (error: unknown) => progress(`EasyPost: the demo webhook could not be registered (${String(error)})`),
  );

  if (stripe) {
    progress(
      'Stripe: a Connect platform at the stand-in, its Connect webhook, its secret in Secrets Manager',
    );
    process.env.STRIPE_CONNECT_PLATFORM_KEY_ARN = await setUpStripePlatform(
      dataDir,
      process.env.PUBLIC_API_URL,
      stripeApiBase,
      secretsManager,
    );
  } else {
    progress('Stripe: no Connect platform (STRIPE_API_BASE names another Stripe; its key is not ours)');
    delete process.env.STRIPE_CONNECT_PLATFORM_KEY_ARN;
  }

  progress(`Stripe: connecting ${STRIPE_DEMO_SELLER} through PUT /v1/integrations/stripe`);
  const stripeDemo = sellers.find((s) => s.sellerId === STRIPE_DEMO_SELLER);
  if (stripeDemo) {
    await connectStripeDemo(dataDir, `http://127.0.0.1:${apiPort}`, stripeDemo.apiKey, stripeApiBase).catch(
      (error: unknown) => progress(`Stripe: ${STRIPE_DEMO_SELLER} not connected (${String(error)})`),
    );
  }

  progress('the inspection consumer, polling the queue as Lambda would');
  // Lambda's SQS event source for the consumer module the stack deploys, loaded only now: it reads the
  // environment above at module scope.
  const consumer = (
    (await import(pathToFileURL(resolve(process.cwd(), INSPECTION_CONSUMER_ENTRY)).href)) as {
      handler: SqsHandler;
    }
  ).handler;
  const poller = startSqsPoller({
    endpoint: sqs.endpoint,
    queueUrl: queues.queueUrl,
    handler: consumer,
    batchSize: INSPECTION_QUEUE.batchSize,
    visibilityTimeoutSeconds,
    functionName: 'InspectionResults',
    timeoutSeconds: INSPECTION_QUEUE.consumerTimeoutSeconds,
  });
  await poller.start();

  progress('the deadline sweeper, every 5 s (LOCAL_DEADLINE_SWEEP_MS; deployed: every minute)');
  const sweeper = startDeadlinePoller({
    handler: (
      (await import(pathToFileURL(resolve(process.cwd(), DEADLINE_SWEEPER_ENTRY)).href)) as {
        handler: SweepHandler;
      }
    ).handler,
    intervalMs: sweepIntervalMs(),
    onError: (error) => console.error('deadline sweep failed', error),
  });

  progress("the events dispatcher, polling the outbox as the stack's table stream would trigger it");
  const events = (await import(pathToFileURL(resolve(process.cwd(), EVENTS_DISPATCH_ENTRY)).href)) as {
    sweepPendingEvents: (before: Date) => Promise<number>;
  };
  const settleMs = outboxSettleMs(options.outboxSettleMs);
  const outboxPoller = startPeriodicTask(
    outboxPollMs(options.outboxPollMs),
    () => events.sweepPendingEvents(new Date(Date.now() - settleMs)),
    (error) => console.error('events dispatcher:', error),
  );
  const webhooks = (await import(pathToFileURL(resolve(process.cwd(), WEBHOOK_DELIVERIES_ENTRY)).href)) as {
    deliverWebhooksPass: () => Promise<number>;
  };
  const webhookPoller = startPeriodicTask(
    outboxPollMs(options.outboxPollMs),
    () => webhooks.deliverWebhooksPass(),
    (error) => console.error('webhook deliveries:', error),
  );

  const endpoints = {
    api: `http://127.0.0.1:${apiPort}`,
    // The seller console, on the API's origin (`npm start` builds it first; see console/).
    console: `http://127.0.0.1:${apiPort}/`,
    ses: ses.endpoint,
    dynamodb: dynamodb.endpoint,
    sfn: sfn.endpoint,
    sqs: sqs.endpoint,
    kms: kms.endpoint,
    secretsManager: secretsManager.endpoint,
    eventbridge: eventbridge.endpoint,
    stripe: stripeApiBase,
    easypost: easypostApiBase,
  };
  const sqsQueues = { inspection: queues.queueUrl, inspectionDlq: queues.dlqUrl };
  await writeFile(
    join(dataDir, 'endpoints.json'),
    `${JSON.stringify({ ...endpoints, sqsQueues }, null, 2)}\n`,
  );
  await writeFile(sellersFile, `${JSON.stringify(sellers, null, 2)}\n`);

  return {
    endpoints,
    inspectionQueueUrl: queues.queueUrl,
    inspectionDlqUrl: queues.dlqUrl,
    sellers,
    stop: async () => {
      // The consumers first: what they are handling still needs DynamoDB, SES and the pipeline.
      await sweeper.stop();
      await poller.stop();
      await outboxPoller.stop();
      await webhookPoller.stop();
      await closeServer(api);
      await sfn.stop();
      await ses.stop();
      await sqs.stop();
      await kms.stop();
      await secretsManager.stop();
      await eventbridge.stop();
      await stripe?.stop();
      await easypost?.stop();
      await dynamodb.stop();
    },
  };
};
