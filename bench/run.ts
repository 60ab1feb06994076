/**
 * `npm run bench`: what idempotency costs on the busiest write, POST /v1/returns, measured side by side in
 * one run against an in-memory dynalite: no key, a fresh key per request, and a replay of one key.
 * It prints figures only; nothing here is asserted.
 */
import { performance } from 'node:perf_hooks';
import { startDynamoDb } from '../infra/local/stand-ins/dynamodb.js';
import { localStateMachineArn } from '../infra/local/step-functions/execution-requests.js';
import { RecordingStepFunctions } from '../infra/local/step-functions/recording-backend.js';
import { startStepFunctionsApi } from '../infra/local/step-functions/sfn-api-server.js';
import { allRegionsMarketplacesEnvironment } from '../infra/marketplaces-environment.js';
import { createBody } from '../test/support/requests.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARMUP = 30;

const dynamodb = await startDynamoDb();
// Runs are recorded, not run: the benchmark measures the request, not the pipeline behind it.
const stateMachineArn = localStateMachineArn('us-east-1');
const sfn = await startStepFunctionsApi({ backend: await RecordingStepFunctions.create(stateMachineArn) });
Object.assign(process.env, {
  TABLE_NAME: 'returns-bench',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
  AWS_ENDPOINT_URL_SFN: sfn.endpoint,
  STATE_MACHINE_ARN: stateMachineArn,
  REGION_MARKETPLACES: allRegionsMarketplacesEnvironment(),
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  POWERTOOLS_METRICS_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

// Imported after the environment is set, as a Lambda container would be.
const { ensureTable } = await import('../infra/local/ensure-table.js');
await ensureTable(dynamodb.endpoint, 'returns-bench');
const { handler } = await import('../functions/api/create-return.js');
const { toProxyEvent, lambdaContext } = await import('../infra/local/proxy-event.js');
const { onboardSeller } = await import('../functions/use-cases/onboard-seller.js');
const { sellers, policies } = await import('../functions/shared/dependencies/data.js');
const { DEMO_SELLERS } = await import('../infra/local/demo-sellers.js');

await onboardSeller({ sellers, policies }, DEMO_SELLERS[0]!, new Date());
const body = JSON.stringify(createBody());

const request = (idempotencyKey: string | undefined) =>
  toProxyEvent(
    {
      method: 'POST',
      path: '/v1/returns',
      query: new URLSearchParams(),
      headers: {
        'content-type': 'application/json',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body,
    },
    { path: '/v1/returns', pathParameters: null },
    { sellerId: DEMO_SELLERS[0]!.sellerId },
  );

const measure = async (name: string, keyFor: (i: number) => string | undefined) => {
  const timings: number[] = [];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const started = performance.now();
    const result = await handler(request(keyFor(i)), lambdaContext('CreateReturn'));
    if (result.statusCode !== 201) throw new Error(`${name}: unexpected ${result.statusCode} ${result.body}`);
    if (i >= WARMUP) timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const total = timings.reduce((a, b) => a + b, 0);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(2);
  return {
    scenario: name,
    'req/s': Math.round((REQUESTS / total) * 1000),
    'p50 ms': at(0.5),
    'p99 ms': at(0.99),
  };
};

const rows = [
  await measure('no Idempotency-Key', () => undefined),
  await measure('fresh key per request', (i) => `fresh-${i}`),
  await measure('replay of one key', () => 'the-same-key'),
];
console.log(`POST /v1/returns handler on dynalite (in memory), ${REQUESTS} sequential requests each:`);
console.table(rows);
await sfn.stop();
await dynamodb.stop();
