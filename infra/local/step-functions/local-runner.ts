import {
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { join } from 'node:path';
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
import { recordHistory } from './execution-history.js';
import { ExecutionStore, type ExecutionRecord } from './execution-store.js';
import {
  interpreterDefinition,
  LOCAL_KEY,
  type InterpreterDefinition,
  type LocalTaskInput,
  type TaskBinding,
} from './interpreter-definition.js';
import { bindHandlers, lambdaEvent, taskError, taskResult, type TaskHandler } from './lambda-emulation.js';
import { polyfillPromiseWithResolvers } from './promise-with-resolvers.js';
import { restartPlans } from './resume-plan.js';
import { RunnerStoppedError, StatesRuntimeError } from './runner-errors.js';
import { runnerSettings, type RunnerSettings } from './runner-settings.js';
import { taskTimeout } from './task-timeout.js';
import { TaskWaits, type WaitingRun } from './task-waits.js';
import {
  deferred,
  TaskTokens,
  TOKEN_PLACEHOLDER,
  withToken,
  type Deferred,
  type PendingTask,
} from './task-tokens.js';

polyfillPromiseWithResolvers();

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

interface ActiveRun extends WaitingRun {
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
 * Runs the state machine CDK synthesizes with aws-local-stepfunctions, its Task states bound by name
 * to the handler modules of PIPELINE_TASKS, called as Lambda calls them (lambda-emulation.ts), and
 * answers the Step Functions API calls the system makes (see sfn-api-server.ts).
 *
 * `.waitForTaskToken` tasks (WAITING_STATES) get a minted token in place of `$$.Task.Token` and wait
 * for a SendTaskSuccess/Failure with it (task-tokens.ts), or time out (`States.Timeout`) after their
 * TimeoutSeconds(Path), shortened by `timeoutCapsSeconds` (task-timeout.ts). Executions, with every
 * state they entered, are kept on disk (execution-store.ts, execution-history.ts); after a restart, one
 * that waited at any of them waits there again with the same token, until the deadline recorded before
 * (resume-plan.ts).
 */
export class LocalStepFunctionsRunner implements StepFunctionsBackend {
  private readonly tokens: TaskTokens;
  private readonly waits: TaskWaits;
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
    this.tokens = new TaskTokens(store);
    this.waits = new TaskWaits(this.tokens, store);
  }

  /**
   * Binds every Task state to its handler, loads the kept executions and (unless `resume: false`)
   * resumes those that were running.
   */
  static async start(options: LocalRunnerOptions): Promise<LocalStepFunctionsRunner> {
    const local = interpreterDefinition(options.definition);
    const handlers = bindHandlers(local.tasks.keys(), options.root ?? REPO_ROOT, options.handlers);
    const file = options.dataDir ? join(options.dataDir, 'step-functions.json') : undefined;
    const store = await ExecutionStore.open(file);
    const settings = runnerSettings(options);
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
    this.tokens.waiting(taskToken).outcome.resolve(result);
  }

  async sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void> {
    const failure = Object.assign(new Error(cause ?? ''), { name: error ?? 'States.TaskFailed' });
    this.tokens.waiting(taskToken).outcome.reject(failure);
  }

  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    this.tokens.waiting(taskToken);
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
    // Not those started since this runner began (with `resume: false`, before this call).
    for (const { record, plan } of restartPlans(this.store.all(), Date.now(), (n) => this.runs.has(n))) {
      if (plan.kind === 'fail') {
        this.finish(record, 'FAILED', { error: 'States.Runtime', cause: plan.note });
        continue;
      }
      this.store.save();
      const resume =
        plan.kind === 'wait'
          ? this.tokens.register(plan.state, plan.token, Date.parse(plan.deadline))
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
    this.tokens.clear();
    await Promise.allSettled(runs.map((run) => run.done));
    await this.store.flush();
  }

  private assertRunning(): void {
    if (this.stopped) throw new Error('the local Step Functions runner has stopped');
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
    void recordHistory(execution.eventLogs, record, this.store);
    run.abort = execution.abort;
    run.done = execution.result.then(
      (output) => {
        if (run.stopped) return;
        this.waits.movedPast(run);
        this.finish(record, 'SUCCEEDED', { output });
      },
      (error: unknown) => {
        if (run.stopped) return;
        this.waits.movedPast(run);
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
    this.waits.movedPast(run);

    run.record.lastTask = task.name;
    this.store.save();
    const event = lambdaEvent(task, input.Parameters);
    const context = lambdaContext(task.name, timeoutSeconds * 1000);
    const handler = this.handlers.get(task.name)!;

    if (!task.waitsForToken) {
      let result: unknown;
      try {
        result = await Promise.race([handler(event, context), run.halt.promise]);
      } catch (error) {
        throw error instanceof RunnerStoppedError ? error : taskError(error);
      }
      return taskResult(task, result, context);
    }
    const pending = this.waits.begin(run, task.name, Date.now() + timeoutSeconds * 1000);
    const invocation = (async () => {
      try {
        await handler(withToken(event, pending.token), context);
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
      this.waits.close(run, pending);
    }
  }
}

export const startLocalRunner = (options: LocalRunnerOptions): Promise<LocalStepFunctionsRunner> =>
  LocalStepFunctionsRunner.start(options);
