import { defineConfig } from 'vitest/config';

/**
 * One project per kind of test, so each runs with the setup and time limits it needs:
 * `vitest run --project domain` (fast, pure), `--project use-cases` (each use case on the in-memory
 * adapters of test/support/in-memory, fast), `--project integration` (handlers and adapters against the
 * local stand-ins), `--project infra` (CDK synth with esbuild bundling, assertions, cdk-nag) and
 * `--project e2e` (the whole local stack over HTTP). `vitest run` runs them all.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['test/domain/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'use-cases',
          include: ['test/use-cases/**/*.test.ts'],
          environment: 'node',
          // The use cases log what they survive (a mail not sent); the tests assert the data instead.
          env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Starts one dynalite (in memory) and one local SES for the whole run, creates the table,
          // and provides their endpoints; env.ts turns them into the variables the handlers read.
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/integration/env.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          environment: 'node',
          // Synthesis bundles every function with esbuild.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
