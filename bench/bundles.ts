/**
 * Every deployed function's bundle, as CDK builds it, and what importing it costs a fresh Node process,
 * next to the same figures for commit 1ca9778 (before the lean bundles), built in the same run from that
 * commit's sources with that commit's esbuild settings:
 * - size: the minified `index.mjs` (CDK's asset, less its source map);
 * - cold init: the median, over BENCH_COLD_RUNS (default 10) paired runs, of the time a fresh `node` takes
 *   to import the bundle over the time a bare `node -e ''` takes, run back to back with the Node that
 *   runs the bench and the same Lambda-like environment.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildLambdaBundle, type BundlingSettings } from '../infra/build-lambda-bundle.js';
import { LAMBDA_ENTRIES } from '../infra/lambda-entries.js';
import { allRegionsMarketplacesEnvironment } from '../infra/marketplaces-environment.js';
import { REPO_ROOT } from '../infra/repo-root.js';

/** The commit the figures are compared with, and its bundling (infra/constructs/returns-function.ts there). */
const BASELINE_COMMIT = '1ca9778';
const BASELINE_BUNDLING: BundlingSettings = {
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  alias: {},
  external: [],
};

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 10);
if (!Number.isInteger(COLD_RUNS) || COLD_RUNS < 1) {
  throw new Error(`BENCH_COLD_RUNS must be a whole number above 0, not ${process.env.BENCH_COLD_RUNS}`);
}

/** What a function sees at import in Lambda: region, role credentials and the stack's variables. */
const LAMBDA_ENVIRONMENT: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  TABLE_NAME: 'returns-bench',
  STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench',
  INSPECTION_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench',
  CARRIER_SECRETS_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench',
  SENDER_EMAIL: 'returns@example.com',
  REGION_MARKETPLACES: allRegionsMarketplacesEnvironment(),
  POWERTOOLS_SERVICE_NAME: 'returns',
  POWERTOOLS_METRICS_NAMESPACE: 'Returns/bench',
  LOG_LEVEL: 'INFO',
  NODE_OPTIONS: '--enable-source-maps',
  // Lambda runs Node 22; on an older Node the SDK would print a support warning at import.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const runNode = (args: string[]): number => {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, {
    env: LAMBDA_ENVIRONMENT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr.toString()}`);
  return elapsed;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Median of import time over bare start, paired run by run (the order alternates, against drift). */
const coldInitRatio = (file: string): number => {
  const importIt = ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)})`];
  const ratios: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const bareFirst = i % 2 === 0;
    const first = runNode(bareFirst ? ['-e', ''] : importIt);
    const second = runNode(bareFirst ? importIt : ['-e', '']);
    ratios.push(bareFirst ? second / first : first / second);
  }
  return median(ratios);
};

/** The baseline's sources, with this tree's node_modules (its lockfile differs only by what was added since). */
const checkoutBaseline = (): string => {
  const root = mkdtempSync(join(tmpdir(), `returns-${BASELINE_COMMIT}-`));
  const archive = spawnSync('git', ['archive', BASELINE_COMMIT], { cwd: REPO_ROOT, maxBuffer: 1 << 28 });
  if (archive.status !== 0)
    throw new Error(`git archive ${BASELINE_COMMIT} failed: ${archive.stderr.toString()}`);
  const untar = spawnSync('tar', ['-x', '-C', root], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr.toString()}`);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
};

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)}`;

/**
 * One row per function: the baseline's size and ratio, then today's. A function the baseline did not
 * have shows `-` there.
 */
const benchBundles = async (): Promise<Array<Record<string, string>>> => {
  const baselineRoot = checkoutBaseline();
  const outdir = mkdtempSync(join(tmpdir(), 'returns-bundles-'));
  try {
    const rows: Array<Record<string, string>> = [];
    for (const { name, entry } of LAMBDA_ENTRIES) {
      const now = join(outdir, `${name}.mjs`);
      const before = join(outdir, `${name}.${BASELINE_COMMIT}.mjs`);
      const hadIt =
        spawnSync('git', ['cat-file', '-e', `${BASELINE_COMMIT}:${entry}`], { cwd: REPO_ROOT }).status === 0;
      if (hadIt) await buildLambdaBundle(baselineRoot, entry, before, BASELINE_BUNDLING);
      await buildLambdaBundle(REPO_ROOT, entry, now);
      const beforeSize = hadIt ? statSync(before).size : undefined;
      const nowSize = statSync(now).size;
      rows.push({
        function: name,
        [`${BASELINE_COMMIT} KB`]: beforeSize === undefined ? '-' : kb(beforeSize),
        [`${BASELINE_COMMIT} cold ×`]: beforeSize === undefined ? '-' : coldInitRatio(before).toFixed(2),
        KB: kb(nowSize),
        'cold ×': coldInitRatio(now).toFixed(2),
      });
    }
    return rows;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(baselineRoot, { recursive: true, force: true });
  }
};

/** The figures as `npm run bench` prints them. */
export const printBundleBench = async (): Promise<void> => {
  console.log(
    `Every function's bundle as CDK builds it (KB, minified), and a fresh node importing it over a bare ` +
      `\`node -e ''\` (median of ${COLD_RUNS} paired runs), today and at ${BASELINE_COMMIT}:`,
  );
  console.table(await benchBundles());
};
