import { startLocalRuntime } from './local-runtime.js';

/** `npm start`: the whole system on this machine until Ctrl-C. */
const runtime = await startLocalRuntime({
  dataDir: process.env.LOCAL_DATA_DIR ?? '.local',
  port: Number(process.env.PORT ?? 3000),
  dynamoDbPort: process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined,
  sesPort: process.env.SES_PORT ? Number(process.env.SES_PORT) : undefined,
});

const { api, ses, dynamodb } = runtime.endpoints;
console.log(`Returns backend running locally
  API        ${api}   (OpenAPI: ${api}/v1/openapi.json)
  E-mail     ${ses}   (captured mail; JSON at ${ses}/store)
  DynamoDB   ${dynamodb}
Demo sellers (API keys):
${runtime.sellers.map((s) => `  ${s.sellerId.padEnd(12)} ${s.name.padEnd(22)} ${s.apiKey}`).join('\n')}
Endpoints and keys are also in .local/endpoints.json and .local/sellers.json. Ctrl-C stops.
READY`);

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
