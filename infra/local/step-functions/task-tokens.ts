import { randomBytes } from 'node:crypto';
import type { ExecutionStore } from './execution-store.js';
import { withResolvers } from './promise-with-resolvers.js';
import { StepFunctionsError } from './step-functions-error.js';

/** What `$$.Task.Token` resolves to in Parameters; replaced in the payload by the minted token. */
export const TOKEN_PLACEHOLDER = 'local-task-token-placeholder';
const TOKEN_PREFIX = 'local.';
export const mintToken = (): string => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

/** `value` with the token placeholder replaced by `token`, wherever Parameters put it. */
export const withToken = (value: unknown, token: string): unknown => {
  if (value === TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((item) => withToken(item, token));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withToken(v, token)]));
  }
  return value;
};

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}
export const deferred = <T>(): Deferred<T> => {
  const { promise, resolve, reject } = withResolvers<T>();
  // The interpreter may stop listening (a timeout won the race); a later settle must not go unhandled.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
};

/** A task waiting for SendTaskSuccess/Failure. */
export interface PendingTask {
  token: string;
  state: string;
  /** Epoch ms; a callback at or after it is answered TaskTimedOut. */
  deadline: number;
  outcome: Deferred<unknown>;
  timer?: NodeJS.Timeout;
  closed?: boolean;
}

/**
 * The tasks waiting for a callback, by token, and the answers Step Functions gives a callback: the
 * waiting task, or InvalidToken (not one of ours), TaskTimedOut (its task has ended, here or before a
 * restart, as the store remembers) or TaskDoesNotExist.
 */
export class TaskTokens {
  private readonly pending = new Map<string, PendingTask>();

  constructor(private readonly store: ExecutionStore) {}

  register(state: string, token: string, deadline: number): PendingTask {
    const task: PendingTask = { token, state, deadline, outcome: deferred() };
    this.pending.set(token, task);
    return task;
  }

  /** The pending task a callback is for, or the refusal Step Functions gives. */
  waiting(token: string): PendingTask {
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

  /** The task's attempt has ended: its token is no longer waited on. */
  release(task: PendingTask): void {
    clearTimeout(task.timer);
    this.pending.delete(task.token);
  }

  /** Forgets every waiting task (the runner stops; the store keeps what a restart needs). */
  clear(): void {
    for (const task of this.pending.values()) clearTimeout(task.timer);
    this.pending.clear();
  }
}
