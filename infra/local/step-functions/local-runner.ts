import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import {
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import {
  PIPELINE_STATES,
  PIPELINE_TASKS,
  ResumeAtSchema,
} from '../../../functions/pipeline/pipeline-contract.js';
import { REPO_ROOT } from '../../repo-root.js';
import { lambdaContext } from '../proxy-event.js';
import {
  acceptStart,
  findExecution,
  listExecutions,
  parseOutput,
  type StartExecutionRequest,
  type StepFunctionsBackend,
} from './execution-requests.js';
import { ExecutionStore, type ExecutionRecord } from './execution-store.js';
import {
  interpreterDefinition,
  LOCAL_KEY,
  type InterpreterDefinition,
  type LocalTaskInput,
  type TaskBinding,
} from './interpreter-definition.js';
import { polyfillPromiseWithResolvers, withResolvers } from './promise-with-resolvers.js';
import { resumePlan } from './resume-plan.js';
import { StepFunctionsError } from './step-functions-error.js';
import { taskTimeout, type TaskTimeoutSettings } from './task-timeout.js';

polyfillPromiseWithResolvers();

/** A task's code, as a Lambda handler: the event and a Lambda context. */
export type TaskHandler = (event: unknown, context: Context) => unknown;

/** Local settings; `runnerSettingsFromEnv` reads them from the environment. */
export interface RunnerSettings extends TaskTimeoutSettings {
  /** Every Retry waits this long between attempts, instead of IntervalSeconds × backoff (+ jitter). */
  retryIntervalMs: number;
}

export interface LocalRunnerOptions extends Partial<RunnerSettings> {
  /** The definition as synthesized (see synthesized-definition.ts), references resolved. */
  definition: unknown;
  stateMachineArn: string;
  /** Executions are kept in `<dataDir>/step-functions.json`; in memory only when absent. */
  dataDir?: string;
  /** Where PIPELINE_TASKS' module paths are resolved. @default the repository root */
  root?: string;
  /** Handlers by state name, instead of the PIPELINE_TASKS modules (tests inject stubs here). */
  handlers?: Readonly<Record<string, TaskHandler>>;
  /**
   * Resume the kept executions at once (the default). `false` leaves that to `resumeKept()`, for a
   * runtime that must first set up what the handlers need (the API's endpoint in their environment).
   */
  resume?: boolean;
}

const positive = (env: NodeJS.ProcessEnv, name: string): number | undefined => {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`${name} must be a positive number, not "${value}"`);
  return number;
};

/**
 * - `LOCAL_RETRY_INTERVAL_MS` (default 200): the wait between retries of any state;
 * - `LOCAL_SHIP_BY_SECONDS` (unset: the real window): WaitForCarrier times out after at most this long;
 * - `LOCAL_TASK_TIMEOUT_SECONDS` (default 60): the timeout of tasks the definition gives none.
 */
export const runnerSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): RunnerSettings => {
  const shipBy = positive(env, 'LOCAL_SHIP_BY_SECONDS');
  return {
    retryIntervalMs: positive(env, 'LOCAL_RETRY_INTERVAL_MS') ?? 200,
    timeoutCapsSeconds: shipBy === undefined ? {} : { [PIPELINE_STATES.waitForCarrier]: shipBy },
    defaultTaskTimeoutSeconds: positive(env, 'LOCAL_TASK_TIMEOUT_SECONDS') ?? 60,
  };
};

/** What `$$.Task.Token` resolves to in Parameters; replaced in the payload by the minted token. */
const TOKEN_PLACEHOLDER = 'local-task-token-placeholder';
const TOKEN_PREFIX = 'local.';
const mintToken = (): string => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

/** An error the interpreter neither retries nor catches: Step Functions' `States.Runtime`. */
class StatesRuntimeError extends Error {
  override name = 'States.Runtime';
  readonly isRetryable = false;
  readonly isCatchable = false;
}
/** Ends a task of a run that the runner stopped; never seen by the definition. */
class RunnerStoppedError extends StatesRuntimeError {
  constructor() {
    super('the local Step Functions runner stopped');
  }
}
/** Our own timeout, a fallback: the interpreter's timer normally raises `States.Timeout` first. */
const timeoutError = (): Error => Object.assign(new Error('States.Timeout'), { name: 'States.Timeout' });

/** How Lambda reports a function error: the error's name, and a JSON cause like the service's. */
const taskError = (error: unknown): Error => {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const trace = error instanceof Error ? (error.stack?.split('\n').slice(1) ?? []) : [];
  return Object.assign(new Error(JSON.stringify({ errorType: name, errorMessage: message, trace })), {
    name,
  });
};

/** A Lambda handler's return value as the service returns it: JSON, `null` for nothing. */
const asJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

const replaceDeep = (value: unknown, from: string, to: string): unknown => {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((item) => replaceDeep(item, from, to));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, from, to)]));
  }
  return value;
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}
const deferred = <T>(): Deferred<T> => {
  const { promise, resolve, reject } = withResolvers<T>();
  // The interpreter may stop listening (a timeout won the race); a later settle must not go unhandled.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
};

/** A task waiting for SendTaskSuccess/Failure. */
interface PendingTask {
  token: string;
  state: string;
  /** Epoch ms; a callback at or after it is answered TaskTimedOut. */
  deadline: number;
  outcome: Deferred<unknown>;
  timer?: NodeJS.Timeout;
  closed?: boolean;
}

interface ActiveRun {
  record: ExecutionRecord;
  stopped: boolean;
  /** After a restart: the task state that waits again, with the token the system already holds. */
  resume?: PendingTask;
  /** The task waiting for its callback, until its attempt has ended. */
  waiting?: PendingTask;
  /** Rejected by `stop()`: ends whatever task is in flight, so the interpreter clears its timers. */
  halt: Deferred<never>;
  abort(): void;
  done: Promise<void>;
}

/** Definitions validated in this process (as JSON): the validator takes a second or so each time. */
const validated = new Set<string>();
const machineFor = (definition: StateMachineDefinition): StateMachine => {
  const text = JSON.stringify(definition);
  const machine = new StateMachine(definition, { validationOptions: { noValidate: validated.has(text) } });
  validated.add(text);
  return machine;
};

/**
 * A handler module, imported when its task first runs, as Lambda loads a function on its first
 * invocation: handler modules read their configuration (STATE_MACHINE_ARN…) at module scope, and the
 * runtime sets it only once this runner's API is listening. A module that fails to load fails the task
 * with Lambda's `Runtime.ImportModuleError`, and is tried again on the next attempt.
 */
const lazyHandler = (root: string, entry: string): TaskHandler => {
  let loaded: TaskHandler | undefined;
  return async (event, context) => {
    if (!loaded) {
      try {
        const module = (await import(pathToFileURL(resolve(root, entry)).href)) as { handler?: unknown };
        if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
        loaded = module.handler as TaskHandler;
      } catch (error) {
        throw Object.assign(new Error(`cannot load ${entry}`, { cause: error }), {
          name: 'Runtime.ImportModuleError',
        });
      }
    }
    return loaded(event, context);
  };
};

/**
 * Runs the state machine CDK synthesizes with aws-local-stepfunctions, its Task states bound by name
 * to the handler modules of PIPELINE_TASKS (called like Lambda calls them), and answers the Step
 * Functions API calls the system makes (see sfn-api-server.ts).
 *
 * `.waitForTaskToken` tasks (WAITING_STATES) get a minted token in place of `$$.Task.Token` and wait
 * for a SendTaskSuccess/Failure with it, or time out (`States.Timeout`) after their
 * TimeoutSeconds(Path), shortened by `timeoutCapsSeconds` (see task-timeout.ts). Executions are kept on
 * disk; after a restart, one that waited at any of them waits there again with the same token, until
 * the deadline recorded before (see resume-plan.ts).
 */
export class LocalStepFunctionsRunner implements StepFunctionsBackend {
  private readonly pending = new Map<string, PendingTask>();
  private readonly runs = new Map<string, ActiveRun>();
  private readonly settledListeners = new Map<string, Array<(record: ExecutionRecord) => void>>();
  private readonly machine: StateMachine;
  private stopped = false;
  private resumed = false;

  private constructor(
    readonly stateMachineArn: string,
    private readonly local: InterpreterDefinition,
    private readonly handlers: ReadonlyMap<string, TaskHandler>,
    private readonly store: ExecutionStore,
    private readonly settings: RunnerSettings,
  ) {
    this.machine = machineFor(local.definition);
  }

  /**
   * Binds every Task state to its handler, loads the kept executions and (unless `resume: false`)
   * resumes those that were running.
   */
  static async start(options: LocalRunnerOptions): Promise<LocalStepFunctionsRunner> {
    const local = interpreterDefinition(options.definition);
    const root = options.root ?? REPO_ROOT;
    const handlers = new Map<string, TaskHandler>();
    for (const name of local.tasks.keys()) {
      const injected = options.handlers?.[name];
      const entry = (PIPELINE_TASKS as Readonly<Record<string, string>>)[name];
      if (injected) handlers.set(name, injected);
      else if (!entry) throw new Error(`Task state ${name} has no handler: add it to PIPELINE_TASKS`);
      else if (!existsSync(resolve(root, entry))) throw new Error(`${entry} (for ${name}) does not exist`);
      else handlers.set(name, lazyHandler(root, entry));
    }
    const defaults = runnerSettingsFromEnv();
    const settings: RunnerSettings = {
      retryIntervalMs: options.retryIntervalMs ?? defaults.retryIntervalMs,
      timeoutCapsSeconds: options.timeoutCapsSeconds ?? defaults.timeoutCapsSeconds,
      defaultTaskTimeoutSeconds: options.defaultTaskTimeoutSeconds ?? defaults.defaultTaskTimeoutSeconds,
    };
    const file = options.dataDir ? join(options.dataDir, 'step-functions.json') : undefined;
    const store = await ExecutionStore.open(file);
    const runner = new LocalStepFunctionsRunner(options.stateMachineArn, local, handlers, store, settings);
    if (options.resume ?? true) runner.resumeKept();
    return runner;
  }

  async startExecution(request: StartExecutionRequest): Promise<ExecutionRecord> {
    this.assertRunning();
    const { record, created } = acceptStart(this.store, this.stateMachineArn, request);
    if (created) {
      this.store.add(record);
      this.launch(record, record.input);
    }
    return record;
  }

  async sendTaskSuccess(taskToken: string, output: string): Promise<void> {
    const result = parseOutput(output);
    this.pendingTask(taskToken).outcome.resolve(result);
  }

  async sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void> {
    const failure = Object.assign(new Error(cause ?? ''), { name: error ?? 'States.TaskFailed' });
    this.pendingTask(taskToken).outcome.reject(failure);
  }

  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    this.pendingTask(taskToken);
  }

  describeExecution(executionArn: string): ExecutionRecord {
    return findExecution(this.store, executionArn);
  }

  listExecutions(stateMachineArn: string): ExecutionRecord[] {
    return listExecutions(this.store, this.stateMachineArn, stateMachineArn);
  }

  /** Resolves with the execution once it has stopped (SUCCEEDED, FAILED…); for tests and tools. */
  settled(name: string): Promise<ExecutionRecord> {
    const record = this.store.get(name);
    if (record && record.status !== 'RUNNING') return Promise.resolve(record);
    return new Promise((done) => {
      const listeners = this.settledListeners.get(name) ?? [];
      listeners.push(done);
      this.settledListeners.set(name, listeners);
    });
  }

  /** Continues every execution kept RUNNING by the previous runner (see resume-plan.ts); once. */
  resumeKept(): void {
    this.assertRunning();
    if (this.resumed) return;
    this.resumed = true;
    const now = Date.now();
    for (const record of this.store.all()) {
      // Not those started since this runner began (with `resume: false`, before this call).
      if (record.status !== 'RUNNING' || this.runs.has(record.name)) continue;
      const plan = resumePlan(record, now, ResumeAtSchema.options);
      record.notes.push(`${new Date(now).toISOString()}: ${plan.note}`);
      if (plan.kind === 'fail') {
        this.finish(record, 'FAILED', { error: 'States.Runtime', cause: plan.note });
        continue;
      }
      this.store.save();
      const resume =
        plan.kind === 'wait'
          ? this.registerPending(plan.state, plan.token, Date.parse(plan.deadline))
          : undefined;
      this.launch(record, plan.input, resume);
    }
  }

  /**
   * Stops every run where it is, without ending it: executions stay RUNNING on disk, with their
   * waiting task and token, so the next start resumes them. Resolves once the file is written.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const runs = [...this.runs.values()];
    for (const run of runs) {
      run.stopped = true;
      run.abort();
      // Ends the task in flight (a handler still running is left to finish on its own); the records
      // are left as they are.
      run.halt.reject(new RunnerStoppedError());
    }
    for (const task of this.pending.values()) clearTimeout(task.timer);
    this.pending.clear();
    await Promise.allSettled(runs.map((run) => run.done));
    await this.store.flush();
  }

  private assertRunning(): void {
    if (this.stopped) throw new Error('the local Step Functions runner has stopped');
  }

  /** The pending task a callback is for, or the refusal Step Functions gives. */
  private pendingTask(token: string): PendingTask {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 2048) {
      throw new StepFunctionsError('InvalidToken', 'Invalid Token: not a task token of this state machine');
    }
    const task = this.pending.get(token);
    if (task && Date.now() < task.deadline) return task;
    const known = task || this.store.all().some((record) => record.closedTokens.includes(token));
    if (known) {
      throw new StepFunctionsError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    throw new StepFunctionsError(
      'TaskDoesNotExist',
      'Task Does Not Exist: no task is waiting with this token',
    );
  }

  private launch(record: ExecutionRecord, input: unknown, resume?: PendingTask): void {
    const run: ActiveRun = {
      record,
      stopped: false,
      resume,
      halt: deferred(),
      abort: () => undefined,
      done: Promise.resolve(),
    };
    const taskResourceLocalHandlers = Object.fromEntries(
      [...this.local.tasks.values()].map((task) => [
        task.name,
        (taskInput: unknown) => this.runTask(run, task, taskInput as LocalTaskInput),
      ]),
    );
    const retryIntervalOverrides = Object.fromEntries(
      this.local.retryStates.map((name) => [name, this.settings.retryIntervalMs]),
    );
    const machineName = this.stateMachineArn.slice(this.stateMachineArn.lastIndexOf(':') + 1);
    const execution = this.machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: taskResourceLocalHandlers as never, retryIntervalOverrides },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: record.executionArn, Name: record.name, StartTime: record.startedAt },
        StateMachine: { Id: this.stateMachineArn, Name: machineName },
        // The interpreter has no task tokens: `$$.Task.Token` resolves to this, replaced per task.
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    run.abort = execution.abort;
    run.done = execution.result.then(
      (output) => {
        if (run.stopped) return;
        this.endWaiting(run);
        this.finish(record, 'SUCCEEDED', { output });
      },
      (error: unknown) => {
        if (run.stopped) return;
        this.endWaiting(run);
        if (error instanceof ExecutionTimeoutError) {
          this.finish(record, 'TIMED_OUT', { error: 'States.Timeout', cause: error.message });
          return;
        }
        const cause = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
        this.finish(record, 'FAILED', {
          error: cause instanceof Error ? cause.name : 'Error',
          cause: cause instanceof Error ? cause.message : String(cause),
        });
      },
    );
    this.runs.set(record.name, run);
  }

  private finish(
    record: ExecutionRecord,
    status: ExecutionRecord['status'],
    result: { output?: unknown; error?: string; cause?: string },
  ): void {
    this.runs.delete(record.name);
    Object.assign(record, { status, stoppedAt: new Date().toISOString(), waiting: undefined }, result);
    this.store.save();
    for (const listener of this.settledListeners.get(record.name) ?? []) listener(record);
    this.settledListeners.delete(record.name);
  }

  /**
   * One attempt of a Task state. The interpreter reads `LocalRunner.TimeoutSeconds` from `input` right
   * after calling this, so it is set before the first `await`.
   */
  private async runTask(run: ActiveRun, task: TaskBinding, input: LocalTaskInput): Promise<unknown> {
    // A wait resumed after a restart ends no later than the deadline recorded before it.
    const resumed = run.resume?.state === task.name ? run.resume.deadline : undefined;
    const { seconds: timeoutSeconds, invalid } = taskTimeout(task, input[LOCAL_KEY], this.settings, resumed);
    input[LOCAL_KEY].TimeoutSeconds = timeoutSeconds;
    if (invalid) throw new StatesRuntimeError(invalid);
    if (run.stopped) throw new RunnerStoppedError();
    this.endWaiting(run);

    const { record } = run;
    record.lastTask = task.name;
    this.store.save();
    const parameters = input.Parameters;
    const event =
      task.lambdaInvoke && typeof parameters === 'object' && parameters !== null
        ? ((parameters as { Payload?: unknown }).Payload ?? {})
        : parameters;
    const context = lambdaContext(task.name, timeoutSeconds * 1000);
    const handler = this.handlers.get(task.name)!;

    if (!task.waitsForToken) {
      let result: unknown;
      try {
        result = asJson(await Promise.race([handler(event, context), run.halt.promise]));
      } catch (error) {
        throw error instanceof RunnerStoppedError ? error : taskError(error);
      }
      return task.lambdaInvoke ? lambdaInvokeResponse(result, context) : result;
    }

    const deadline = Date.now() + timeoutSeconds * 1000;
    let pending: PendingTask;
    if (run.resume && run.resume.state === task.name) {
      pending = run.resume;
      run.resume = undefined;
      pending.deadline = deadline;
    } else {
      pending = this.registerPending(task.name, mintToken(), deadline);
    }
    run.waiting = pending;
    record.waiting = { state: task.name, token: pending.token, deadline: new Date(deadline).toISOString() };
    this.store.save();
    clearTimeout(pending.timer);
    // A fallback only: created before the interpreter's own timer of the same length, it waits a little
    // longer so that the interpreter's genuine States.Timeout is the error the definition sees.
    pending.timer = setTimeout(() => pending.outcome.reject(timeoutError()), deadline - Date.now() + 250);

    const invocation = (async () => {
      try {
        await handler(replaceDeep(event, TOKEN_PLACEHOLDER, pending.token), context);
      } catch (error) {
        // A failed invocation fails the task, whatever callback may still come.
        throw taskError(error);
      }
      // A handler that returns normally has only handed the token out: the task waits on.
      return new Promise<never>(() => undefined);
    })();
    try {
      return await Promise.race([pending.outcome.promise, invocation, run.halt.promise]);
    } finally {
      this.closeWait(run, pending);
    }
  }

  /**
   * Ends the wait of a task the run has moved past: the interpreter's timer raised States.Timeout a
   * moment before our fallback timer would have. Its token is closed at once.
   */
  private endWaiting(run: ActiveRun): void {
    const pending = run.waiting;
    if (!pending) return;
    this.closeWait(run, pending);
    pending.outcome.reject(timeoutError());
  }

  /** The task's attempt has ended: its token is refused from now on (TaskTimedOut). */
  private closeWait(run: ActiveRun, pending: PendingTask): void {
    if (pending.closed) return;
    pending.closed = true;
    clearTimeout(pending.timer);
    this.pending.delete(pending.token);
    if (run.waiting === pending) run.waiting = undefined;
    // A stopped run keeps its wait on disk: the next start waits again with this token.
    if (run.stopped) return;
    run.record.closedTokens.push(pending.token);
    if (run.record.waiting?.token === pending.token) run.record.waiting = undefined;
    this.store.save();
  }

  private registerPending(state: string, token: string, deadline: number): PendingTask {
    const task: PendingTask = { token, state, deadline, outcome: deferred() };
    this.pending.set(token, task);
    return task;
  }
}

/** What `lambda:invoke` returns to the state machine: the handler's result under `Payload`. */
const lambdaInvokeResponse = (payload: unknown, context: Context) => ({
  ExecutedVersion: '$LATEST',
  Payload: payload,
  SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 },
  SdkResponseMetadata: { RequestId: context.awsRequestId },
  StatusCode: 200,
});

export const startLocalRunner = (options: LocalRunnerOptions): Promise<LocalStepFunctionsRunner> =>
  LocalStepFunctionsRunner.start(options);
