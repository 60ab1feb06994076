/**
 * How every Lambda bundle is built, in esbuild's own terms: ReturnsFunction hands these to NodejsFunction
 * and bench/bundles.ts to esbuild's API, so the bench measures exactly what is deployed. Kept free of
 * aws-cdk-lib for the bench's sake.
 */
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
   * the environment provider alone, which is all Lambda uses (functions/shared/env-credentials.ts).
   */
  alias: {
    '@aws-sdk/credential-provider-node': './functions/shared/env-credentials.ts',
  },
  /**
   * Left out, and so never loaded: the SDK imports its event-stream codec lazily, for operations that
   * stream events, and none of the clients here (DynamoDB, SQS, SES, Step Functions, Secrets Manager)
   * has one. Everything else, the SDK included, is bundled: the lockfile then pins the SDK version the
   * code was tested with (client-dynamodb and lib-dynamodb must match), not whatever the runtime ships.
   */
  external: ['@smithy/core/event-streams'],
} as const;
