import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningStack {
  api: string;
  ses: string;
  /** The local Step Functions API, where the pipeline's runs can be described. */
  sfn: string;
  dataDir: string;
  sellers: { sellerId: string; name: string; apiKey: string }[];
  /** Sends SIGINT, as Ctrl-C would, and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Kills the process outright (SIGKILL: no clean-up runs) and resolves once it is gone. */
  kill(): Promise<number | null>;
  /** Resolves with the exit code when the process ends, however it ends. */
  exited: Promise<number | null>;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
}

/** Collects the child's output from the start, and resolves once it printed READY. */
const watchOutput = (child: ChildProcess): { ready: Promise<void>; output: () => string } => {
  let output = '';
  const ready = new Promise<void>((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) done();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`npm start exited early (${code}):\n${output}`)));
  });
  return { ready, output: () => output };
};

/**
 * Starts `npm start`'s entry point in a child process, as a person would, on its own data directory (pass
 * one to restart on the same data), with any extra settings in `env`. PORT=0 lets the stack bind a port
 * the OS picks, and endpoints.json says which: a port picked here and bound later could be taken by a
 * parallel test's stand-in meanwhile (EADDRINUSE).
 */
export const startLocalStack = async (
  dataDir?: string,
  env: Record<string, string> = {},
): Promise<RunningStack> => {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'returns-e2e-')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', LOCAL_DATA_DIR: dir, POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watchOutput(child);
  await watched.ready;
  const endpoints = JSON.parse(await readFile(join(dir, 'endpoints.json'), 'utf8')) as {
    api: string;
    ses: string;
    sfn: string;
  };
  const sellers = JSON.parse(await readFile(join(dir, 'sellers.json'), 'utf8')) as RunningStack['sellers'];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    api: endpoints.api,
    ses: endpoints.ses,
    sfn: endpoints.sfn,
    dataDir: dir,
    sellers,
    exited,
    output: watched.output,
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
};
