/**
 * How every Lambda bundle is built, in esbuild's own terms: ReturnsFunction hands these to NodejsFunction
 * and bench/bundles.ts to esbuild's API, so the bench measures exactly what is deployed. Kept free of
 * aws-cdk-lib for the bench's sake.
 */
/** The modules superagent pulls in that EasyPost's JSON calls never use, and the stub bundled for each. */
export const SUPERAGENT_STUBS = {
  'form-data': './functions/shared/bundle-stubs/form-data.cjs',
  formidable: './functions/shared/bundle-stubs/formidable.cjs',
  mime: './functions/shared/bundle-stubs/mime.cjs',
  qs: './functions/shared/bundle-stubs/qs.cjs',
  debug: './functions/shared/bundle-stubs/debug.cjs',
} as const;

/**
 * Built-ins imported by name in ES modules that load on first use, required through a file of our own
 * so that they load with those modules, not at every cold start (see the file).
 */
export const DEFERRED_BUILTINS = {
  http: './functions/shared/bundle-stubs/http.cjs',
} as const;

export const LAMBDA_BUNDLING = {
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  // Error names come from their classes (NamedError), and the state machine matches them by name.
  keepNames: true,
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  /**
   * Module replacements, resolved from the repository root: the SDK's default credential chain becomes
   * the environment provider alone, which is all Lambda uses (functions/shared/env-credentials.ts); and
   * what superagent, the EasyPost SDK's HTTP client, carries for multipart bodies, multipart responses,
   * the media-type database, nested query strings and DEBUG tracing, which label calls never use (about
   * 270 KB), becomes small stubs (functions/shared/bundle-stubs/) that throw a clear error if reached.
   * Only superagent imports them (test/infra/lambda-bundles.test.ts); local runs and tests, which import
   * the sources, keep the real modules. And `http`, imported at the top of the Stripe SDK's client,
   * comes through DEFERRED_BUILTINS, so it loads with the SDK, which is loaded on first use.
   */
  alias: {
    '@aws-sdk/credential-provider-node': './functions/shared/env-credentials.ts',
    ...SUPERAGENT_STUBS,
    ...DEFERRED_BUILTINS,
  },
  /**
   * Left out, and so never loaded: the SDK imports its event-stream codec lazily, for operations that
   * stream events, and none of the clients here (DynamoDB, SQS, SES, Step Functions, Secrets Manager)
   * has one. Everything else, the SDK included, is bundled: the lockfile then pins the SDK version the
   * code was tested with (client-dynamodb and lib-dynamodb must match), not whatever the runtime ships.
   */
  external: ['@smithy/core/event-streams'],
} as const;
