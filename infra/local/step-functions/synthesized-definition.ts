import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { REPO_ROOT } from '../../repo-root.js';

/** The region whose stacks are synthesized for the local runner. */
export const LOCAL_DEFINITION_REGION = 'us-east-1';

/**
 * What the synthesized definition depends on: the CDK app's sources (infra/, apart from the local
 * runtime), this file, the pipeline contract the app names states from, and the lockfile (the versions
 * of aws-cdk-lib and cdk-nag).
 */
const sourceFiles = async (root: string): Promise<string[]> => {
  const infra = join(root, 'infra');
  const entries = await readdir(infra, { recursive: true, withFileTypes: true });
  const sources = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => relative(infra, file).split(sep)[0] !== 'local');
  return [
    ...sources,
    join(root, 'infra/local/step-functions/synthesized-definition.ts'),
    join(root, 'functions/pipeline/pipeline-contract.ts'),
    join(root, 'cdk.json'),
    join(root, 'package-lock.json'),
  ].sort();
};

/** A hash of every source the definition depends on: the cache's key. */
export const definitionSourceKey = async (region = LOCAL_DEFINITION_REGION, root = REPO_ROOT) => {
  const hash = createHash('sha256').update(`region=${region}\n`);
  for (const file of await sourceFiles(root)) {
    hash.update(`${relative(root, file)}\n`).update(await readFile(file));
  }
  return hash.digest('hex');
};

/**
 * Builds the CDK app's stacks for `region` in this process, as `cdk synth` would (with cdk.json's
 * context) but without bundling (the `aws:cdk:bundling-stacks` context is empty, so NodejsFunction
 * skips esbuild), and returns the state machine's definition resolved by `stateMachineDefinition`.
 * CDK is loaded only here, so a cached definition costs nothing of it.
 */
export const synthesizeDefinition = async (region = LOCAL_DEFINITION_REGION): Promise<object> => {
  const [{ App }, { loadRegionConfig }, { addRegionStacks }, { DEFAULT_STAGE }, { stateMachineDefinition }] =
    await Promise.all([
      import('aws-cdk-lib'),
      import('../../config/index.js'),
      import('../../region-stacks.js'),
      import('../../stage-name.js'),
      import('../../state-machine-definition.js'),
    ]);
  const outdir = await mkdtemp(join(tmpdir(), 'returns-local-synth-'));
  try {
    // cdk.json's context (feature flags) as the CLI would pass it, and no bundling.
    const { context } = JSON.parse(await readFile(join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
      context?: Record<string, unknown>;
    };
    const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    addRegionStacks(app, DEFAULT_STAGE, loadRegionConfig(region));
    const templates = app
      .synth()
      .stacks.map((stack) => stack.template as { Resources?: Record<string, { Type?: string }> })
      .filter((template) =>
        Object.values(template.Resources ?? {}).some(
          (resource) => resource.Type === 'AWS::StepFunctions::StateMachine',
        ),
      );
    if (templates.length !== 1) {
      throw new Error(`expected one stack with a state machine in ${region}, found ${templates.length}`);
    }
    return stateMachineDefinition(templates[0]!);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
};

interface CachedDefinition {
  key: string;
  region: string;
  definition: object;
}

/** Where `npm start` and the tests keep the definition: any checkout's own, shared by its data dirs. */
export const DEFAULT_DEFINITION_CACHE = join(
  REPO_ROOT,
  'node_modules/.cache/returns-local/step-functions-definition.json',
);

const readCache = (file: string, key: string): Promise<object | undefined> =>
  readFile(file, 'utf8').then(
    (text) => {
      const cached = JSON.parse(text) as CachedDefinition;
      return cached.key === key ? cached.definition : undefined;
    },
    () => undefined,
  );

/** A synthesis taking longer than this is taken to have crashed, and its lock is broken. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Runs `work` while holding `<file>.lock` (a directory: creating one is atomic), so that parallel test
 * workers or runtimes with a cold cache synthesize once, not each on its own. Where no lock can be made
 * (a read-only checkout), `work` runs without one.
 */
const withLock = async <T>(file: string, work: () => Promise<T>): Promise<T> => {
  const lock = `${file}.lock`;
  for (;;) {
    try {
      await mkdir(dirname(file), { recursive: true });
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return work();
    }
    const since = await stat(lock).then(
      (lockStat) => lockStat.mtimeMs,
      () => Date.now(),
    );
    if (Date.now() - since > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
    await new Promise((done) => setTimeout(done, 250));
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
};

/**
 * The state machine definition CDK synthesizes for the local region. Synthesis takes several seconds
 * (CDK and cdk-nag: 5 s on an idle laptop, far more on a busy CI runner), so with `cacheFile` the
 * result is kept there under a hash of its sources and reused until one of them changes.
 */
export const synthesizedDefinition = async (
  options: { cacheFile?: string; region?: string } = {},
): Promise<object> => {
  const region = options.region ?? LOCAL_DEFINITION_REGION;
  const { cacheFile } = options;
  if (!cacheFile) return synthesizeDefinition(region);
  const key = await definitionSourceKey(region);
  const cached = await readCache(cacheFile, key);
  if (cached) return cached;
  return withLock(cacheFile, async () => {
    // Another process may have written it while this one waited for the lock.
    const written = await readCache(cacheFile, key);
    if (written) return written;
    const definition = await synthesizeDefinition(region);
    const content: CachedDefinition = { key, region, definition };
    // Written aside and renamed, so a reader never sees half a file. A cache that cannot be written
    // only costs the next start another synthesis.
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`)
      .then(() => rename(temporary, cacheFile))
      .catch(() => rm(temporary, { force: true }).catch(() => undefined));
    return definition;
  });
};
