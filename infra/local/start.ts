/** `npm start`: the whole system on this machine until Ctrl-C. */
import { isolateInvocations } from './lambda-invocations.js';
import { startLocalRuntime } from './local-runtime.js';

const dataDir = process.env.LOCAL_DATA_DIR ?? '.local';
const startedAt = performance.now();
const seconds = () => ((performance.now() - startedAt) / 1000).toFixed(1).padStart(5);
// LOG_REQUESTS=0 silences the line per request; handler errors are printed regardless.
const logRequests = process.env.LOG_REQUESTS !== '0';

console.log('Starting the returns backend locally');
// Each invocation logs under its own function, though all run in this one process (lambda-invocations.ts).
const runtime = await isolateInvocations(() =>
  startLocalRuntime({
    dataDir,
    port: Number(process.env.PORT ?? 3000),
    dynamoDbPort: process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined,
    dynamoDbEndpoint: process.env.DYNAMODB_ENDPOINT,
    sesPort: process.env.SES_PORT ? Number(process.env.SES_PORT) : undefined,
    sqsPort: process.env.SQS_PORT ? Number(process.env.SQS_PORT) : undefined,
    stripeApiBase: process.env.STRIPE_API_BASE,
    easypostApiBase: process.env.EASYPOST_API_BASE,
    progress: (step) => console.log(`${seconds()} s  ${step}`),
    logRequest: logRequests ? (line) => console.log(line) : undefined,
  }),
);

const { api, console: consoleUrl, ses, dynamodb, sfn, sqs, kms, stripe, easypost } = runtime.endpoints;
console.log(`${seconds()} s  started
Returns backend running locally
  Console    ${consoleUrl}   (the seller console: sign in with a demo seller's API key)
  API        ${api}   (OpenAPI: ${api}/v1/openapi.json)
  E-mail     ${ses}   (captured mail; JSON at ${ses}/store)
  DynamoDB   ${dynamodb}
  Pipeline   ${sfn}   (the synthesized state machine, run locally; Step Functions API)
  SQS        ${sqs}   (in memory; inspection results, consumed as Lambda would)
  Stripe     ${stripe}   (refunds; failure modes in ${dataDir}/stripe.json)
    inspection queue   ${runtime.inspectionQueueUrl}
    dead-letter queue  ${runtime.inspectionDlqUrl}
  KMS        ${kms}   (a stand-in; seals sellers' Stripe and EasyPost secrets)
  EasyPost   ${easypost}   (labels and trackers; demo-acme is connected)
Demo sellers (API keys):
${runtime.sellers.map((s) => `  ${s.sellerId.padEnd(12)} ${s.name.padEnd(22)} ${s.apiKey}`).join('\n')}
Endpoints, keys and carrier webhook secrets: ${dataDir}/endpoints.json, sellers.json, carriers.json.
Move a parcel: npm run carrier -- delivered <trackingNumber> --carrier easypost (or ups, fedex, usps, generic). Ctrl-C stops.
${logRequests ? 'One line per API request follows (LOG_REQUESTS=0 silences them).\n' : ''}READY`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
