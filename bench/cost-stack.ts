import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../infra/local/stand-ins/free-port.js';
import { startDynamoDb } from '../infra/local/stand-ins/dynamodb.js';
import { startCountingProxy, type CountingProxy } from './dynamodb-counting-proxy.js';

const PROBE = fileURLToPath(new URL('./cost-probe.ts', import.meta.url));
const READY_MS = 120_000;

/** What the probe in the stack's process reported (see bench/cost-probe.ts). */
export type ProbeEvent =
  | { kind: 'invocation'; fn: string; ms: number; logBytes: number }
  | { kind: 'state'; execution: string; type: string; state: string };

/** `npm start` of one source tree, its DynamoDB traffic through a counting proxy, probed from outside. */
export interface MeasuredStack {
  api: string;
  ses: string;
  sqs: string;
  inspectionQueueUrl: string;
  dataDir: string;
  sellers: { sellerId: string; apiKey: string }[];
  proxy: CountingProxy;
  /** Everything the probe has reported so far. */
  probeEvents(): Promise<ProbeEvent[]>;
  stop(): Promise<void>;
}

/**
 * Where the stack's DynamoDB is and how its requests reach the proxy: through DYNAMODB_ENDPOINT where
 * the tree has it (a dynalite of ours behind the proxy), or else its own dynalite on a port we choose,
 * whose requests the probe sends to the proxy instead.
 */
const dynamoDbRoute = async (tree: string) => {
  const start = await readFile(join(tree, 'infra/local/start.ts'), 'utf8');
  if (start.includes('DYNAMODB_ENDPOINT')) {
    const dynamodb = await startDynamoDb();
    const proxy = await startCountingProxy({ upstream: dynamodb.endpoint });
    return { proxy, env: { DYNAMODB_ENDPOINT: proxy.endpoint }, stop: () => dynamodb.stop() };
  }
  const port = await freePort();
  const proxy = await startCountingProxy({ upstream: `http://127.0.0.1:${port}` });
  return {
    proxy,
    env: { DYNAMODB_PORT: String(port), COST_PROBE_DYNAMODB_FROM: String(port) },
    stop: async () => undefined,
  };
};

/** This process's environment without what a bench run set for its own handlers (AWS_*, TABLE_NAME…). */
const ownEnvironment = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(AWS_|POWERTOOLS_|TABLE_NAME$|STATE_MACHINE_ARN$|REGION_MARKETPLACES$)/.test(name),
    ),
  );

/** Starts `infra/local/start.ts` of `tree` as `npm start` would, with the probe loaded first. */
export const startMeasuredStack = async (tree: string, logLevel: string): Promise<MeasuredStack> => {
  const root = resolve(tree);
  const dataDir = await mkdtemp(join(tmpdir(), 'returns-cost-'));
  const probeFile = join(dataDir, 'probe.jsonl');
  await writeFile(probeFile, '');
  const route = await dynamoDbRoute(root);
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', PROBE, 'infra/local/start.ts'], {
    cwd: root,
    env: {
      ...ownEnvironment(),
      ...route.env,
      PORT: String(await freePort()),
      LOCAL_DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: logLevel,
      COST_PROBE_FILE: probeFile,
      COST_PROBE_DYNAMODB_TO: route.proxy.endpoint,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(dataDir, 'stack.log'));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      fail(new Error(`the stack in ${root} was not READY in time; see ${dataDir}/stack.log`));
    }, READY_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('READY')) {
        clearTimeout(timer);
        done();
      }
    });
    void exited.then(() => fail(new Error(`the stack in ${root} exited early; see ${dataDir}/stack.log`)));
  });
  const endpoints = JSON.parse(await readFile(join(dataDir, 'endpoints.json'), 'utf8')) as {
    api: string;
    ses: string;
    sqs: string;
    sqsQueues: { inspection: string };
  };
  const sellers = JSON.parse(
    await readFile(join(dataDir, 'sellers.json'), 'utf8'),
  ) as MeasuredStack['sellers'];
  return {
    api: endpoints.api,
    ses: endpoints.ses,
    sqs: endpoints.sqs,
    inspectionQueueUrl: endpoints.sqsQueues.inspection,
    dataDir,
    sellers,
    proxy: route.proxy,
    probeEvents: async () =>
      (await readFile(probeFile, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ProbeEvent),
    stop: async () => {
      child.kill('SIGINT');
      await exited;
      await route.proxy.stop();
      await route.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
