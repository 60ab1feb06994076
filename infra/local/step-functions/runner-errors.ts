/** An error the interpreter neither retries nor catches: Step Functions' own `States.Runtime`. */
export class StatesRuntimeError extends Error {
  override name = 'States.Runtime';
  readonly isRetryable = false;
  readonly isCatchable = false;
}

/** Ends a task of a run that the runner stopped; never seen by the definition. */
export class RunnerStoppedError extends StatesRuntimeError {
  constructor() {
    super('the local Step Functions runner stopped');
  }
}

/** Step Functions' `States.Timeout`, from our own fallback timer (see task-tokens.ts). */
export const statesTimeout = (): Error =>
  Object.assign(new Error('States.Timeout'), { name: 'States.Timeout' });
