import type { ExecutionRecord, ExecutionStore } from './execution-store.js';
import { statesTimeout } from './runner-errors.js';
import { mintToken, type PendingTask, type TaskTokens } from './task-tokens.js';

/** What a run's waits are kept on. */
export interface WaitingRun {
  record: ExecutionRecord;
  stopped: boolean;
  /** After a restart: the task state that waits again, with the token the system already holds. */
  resume?: PendingTask;
  /** The task waiting for its callback, until its attempt has ended. */
  waiting?: PendingTask;
}

/**
 * The waits of `.waitForTaskToken` attempts, on the run and its record: begun with a new token (or
 * after a restart the one the system holds), ended when the attempt ends, their tokens then refused.
 */
export class TaskWaits {
  constructor(
    private readonly tokens: TaskTokens,
    private readonly store: ExecutionStore,
  ) {}

  /** The wait of an attempt at `state` until `deadline`, recorded on the execution before the handler runs. */
  begin(run: WaitingRun, state: string, deadline: number): PendingTask {
    let pending: PendingTask;
    if (run.resume && run.resume.state === state) {
      pending = run.resume;
      run.resume = undefined;
      pending.deadline = deadline;
    } else {
      pending = this.tokens.register(state, mintToken(), deadline);
    }
    run.waiting = pending;
    run.record.waiting = { state, token: pending.token, deadline: new Date(deadline).toISOString() };
    this.store.save();
    clearTimeout(pending.timer);
    // A fallback only: created before the interpreter's own timer of the same length, it waits a little
    // longer so that the interpreter's genuine States.Timeout is the error the definition sees.
    pending.timer = setTimeout(() => pending.outcome.reject(statesTimeout()), deadline - Date.now() + 250);
    return pending;
  }

  /**
   * Ends the wait of a task the run has moved past: the interpreter's timer raised States.Timeout a
   * moment before our fallback timer would have. Its token is closed at once.
   */
  movedPast(run: WaitingRun): void {
    const pending = run.waiting;
    if (!pending) return;
    this.close(run, pending);
    pending.outcome.reject(statesTimeout());
  }

  /** The task's attempt has ended: its token is refused from now on (TaskTimedOut). */
  close(run: WaitingRun, pending: PendingTask): void {
    if (pending.closed) return;
    pending.closed = true;
    this.tokens.release(pending);
    if (run.waiting === pending) run.waiting = undefined;
    // A stopped run keeps its wait on disk: the next start waits again with this token.
    if (run.stopped) return;
    run.record.closedTokens.push(pending.token);
    if (run.record.waiting?.token === pending.token) run.record.waiting = undefined;
    this.store.save();
  }
}
