import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { allRegionsMarketplacesEnvironment } from '../../infra/marketplaces-environment.js';

// Runs in every integration test worker before the test file is imported, so module-scope clients in
// handlers and adapters see these values on their first request. The SDK reads the service-specific
// AWS_ENDPOINT_URL_* variables itself: no code takes a test-only endpoint.
const sesEndpoint = inject('sesEndpoint');

Object.assign(process.env, {
  TABLE_NAME: inject('tableName'),
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
  AWS_ENDPOINT_URL_SESV2: sesEndpoint,
  AWS_ENDPOINT_URL_SES: sesEndpoint,
  // The recording Step Functions API: StartExecution is recorded, nothing runs (see global-setup.ts).
  AWS_ENDPOINT_URL_SFN: inject('sfnEndpoint'),
  STATE_MACHINE_ARN: inject('stateMachineArn'),
  // The shared local SQS; a test that needs a queue makes its own there.
  AWS_ENDPOINT_URL_SQS: inject('sqsEndpoint'),
  // Sellers' connection secrets are sealed by the local KMS stand-in.
  AWS_ENDPOINT_URL_KMS: inject('kmsEndpoint'),
  CONNECTION_SECRETS_KEY_ID: inject('kmsKeyId'),
  // Buyer links are signed by the stand-in's HMAC key.
  LINK_SIGNING_KEY_ID: inject('kmsLinkKeyId'),
  // Where the buyer links in the conversation's mails point, as npm start and the stack set it.
  PUBLIC_API_URL: 'https://api.returns.test',
  SENDER_EMAIL: 'returns@example.com',
  // One fake-carrier control file per test file, so an outage one file switches on reaches no other.
  FAKE_CARRIER_CONTROL_FILE: join(tmpdir(), `fake-carrier-${randomUUID()}.json`),
  // The local runtime and the tests stand for every configured region at once.
  REGION_MARKETPLACES: allRegionsMarketplacesEnvironment(),
  // Metrics are EMF lines on stdout; tests that check them switch them on for themselves.
  POWERTOOLS_METRICS_DISABLED: 'true',
  // Refusals are logged at INFO in production; tests keep the output to real errors.
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
  /** Not read by the product: where tests fetch the captured e-mails (`GET` returns `{ emails: [...] }`). */
  SES_STORE_URL: `${sesEndpoint}/store`,
});
// Credentials from a developer's profile or session must not leak into local requests.
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;
