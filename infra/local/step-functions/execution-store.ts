import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** A task waiting for its callback: what a restart needs to wait on with the same token. */
export interface WaitingTask {
  state: string;
  token: string;
  /** ISO time the task times out (already shortened by local configuration). */
  deadline: string;
}

/** One execution, as kept in `<dataDir>/step-functions.json`. */
export interface ExecutionRecord {
  name: string;
  executionArn: string;
  stateMachineArn: string;
  input: unknown;
  status: ExecutionStatus;
  startedAt: string;
  stoppedAt?: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** The Task state the run entered last: where a run cut off by a crash resumes. */
  lastTask?: string;
  waiting?: WaitingTask;
  /** Tokens of tasks that have ended: a late callback with one is answered TaskTimedOut. */
  closedTokens: string[];
  /** What the runner did on its own: resumed after a restart, or failed a run it could not resume. */
  notes: string[];
  /** Every state the run entered, in order (see execution-history.ts). */
  history?: EnteredState[];
}

/** One state a run entered: GetExecutionHistory's `<type>StateEntered` event. */
export interface EnteredState {
  state: string;
  /** The state's Type: Task, Choice, Pass, Succeed, Fail… */
  type: string;
  at: string;
}

interface StoreFile {
  version: 1;
  executions: ExecutionRecord[];
}

/**
 * The executions by name, in memory and, given a file, on disk. Every `save()` writes the whole set
 * (a few KB per hundred executions) to a temporary file and renames it over the old one, one write at
 * a time, so a crash leaves either the previous or the new version, never half of one.
 */
export class ExecutionStore {
  private writes: Promise<void> = Promise.resolve();
  private pending = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly records: Map<string, ExecutionRecord>,
  ) {}

  static async open(file?: string): Promise<ExecutionStore> {
    const records = new Map<string, ExecutionRecord>();
    if (file) {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (text !== undefined) {
        const stored = JSON.parse(text) as StoreFile;
        for (const record of stored.executions) records.set(record.name, record);
      }
    }
    return new ExecutionStore(file, records);
  }

  get(name: string): ExecutionRecord | undefined {
    return this.records.get(name);
  }

  all(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  add(record: ExecutionRecord): void {
    this.records.set(record.name, record);
    this.save();
  }

  /** Persists the current state of every record (they are changed in place). */
  save(): void {
    if (!this.file || this.pending) return;
    this.pending = true;
    const file = this.file;
    this.writes = this.writes.then(async () => {
      this.pending = false;
      const content: StoreFile = { version: 1, executions: this.all() };
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`);
      await rename(temporary, file);
    });
    this.writes = this.writes.catch((error: unknown) => {
      console.error(`step functions: could not save executions to ${file}`, error);
    });
  }

  /** Resolves once every save so far is on disk. */
  flush(): Promise<void> {
    return this.writes;
  }
}
