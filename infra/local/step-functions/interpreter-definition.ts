import type { StateMachineDefinition } from 'aws-local-stepfunctions';

/** A Task state of the definition, as the local runner binds and times it. */
export interface TaskBinding {
  /** The state's name: tasks are bound to handlers by it. */
  name: string;
  resource: string;
  /** `….waitForTaskToken`: the task ends on SendTaskSuccess/Failure for its token, or times out. */
  waitsForToken: boolean;
  /** `arn:aws:states:::lambda:invoke[…]`: the event is `Parameters.Payload`, the result is wrapped. */
  lambdaInvoke: boolean;
  /** The state's own TimeoutSeconds, when it has a fixed one. */
  timeoutSeconds?: number;
  /** The state's TimeoutSecondsPath, resolved by the interpreter into the hidden key below. */
  timeoutSecondsPath?: string;
}

/** The definition the interpreter runs, and what the runner needs to know about each task. */
export interface InterpreterDefinition {
  definition: StateMachineDefinition;
  tasks: ReadonlyMap<string, TaskBinding>;
  /** States with a Retry field: the runner shortens their intervals locally. */
  retryStates: readonly string[];
}

/**
 * Where the rewritten Parameters put the runner's own data: the original Parameters (or the whole
 * state input) under `Parameters`, the resolved TimeoutSecondsPath under `Timeout`.
 */
export const LOCAL_KEY = 'LocalRunner';
export interface LocalTaskInput {
  [LOCAL_KEY]: { Timeout?: number; TimeoutSeconds?: number };
  Parameters: unknown;
}

/** `setTimeout` holds at most 2^31-1 ms (24.8 days); a longer timer would fire at once. */
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Rewrites every Task state for aws-local-stepfunctions, which times a task out on its own timer
 * (60 s by default) and resolves TimeoutSecondsPath against the input *after* Parameters:
 *
 * - Parameters become `{ LocalRunner: { "Timeout.$": <TimeoutSecondsPath> }, Parameters: <original> }`
 *   (or `"Parameters.$": "$"` when the state had none), so the original path is resolved against the
 *   state input as Step Functions does, and the handler still receives exactly the original payload;
 * - TimeoutSeconds/TimeoutSecondsPath become `$.LocalRunner.TimeoutSeconds`, a value the runner fills
 *   in when the task starts (the configured timeout, shortened locally): the interpreter's own timer
 *   then raises its real `States.Timeout`, which Retry and Catch treat exactly as Step Functions does.
 *
 * Everything else (Choice, Pass, Retry, Catch, ResultSelector/ResultPath…) is left as synthesized.
 */
export const interpreterDefinition = (synthesized: unknown): InterpreterDefinition => {
  if (!isObject(synthesized) || !isObject(synthesized.States) || typeof synthesized.StartAt !== 'string') {
    throw new Error('not a state machine definition: it needs StartAt and States');
  }
  const tasks = new Map<string, TaskBinding>();
  const retryStates: string[] = [];
  const rewrite = (machine: JsonObject): JsonObject => {
    const states: JsonObject = {};
    for (const [name, state] of Object.entries(machine.States as JsonObject)) {
      if (!isObject(state)) throw new Error(`state ${name} is not an object`);
      states[name] = rewriteState(name, state);
    }
    return { ...machine, States: states };
  };
  const rewriteState = (name: string, state: JsonObject): JsonObject => {
    if (Array.isArray(state.Retry) && state.Retry.length > 0) retryStates.push(name);
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      return { ...state, Branches: state.Branches.map((branch: JsonObject) => rewrite(branch)) };
    }
    if (state.Type === 'Map') {
      const copy = { ...state };
      if (isObject(state.Iterator)) copy.Iterator = rewrite(state.Iterator);
      if (isObject(state.ItemProcessor)) copy.ItemProcessor = rewrite(state.ItemProcessor);
      return copy;
    }
    if (state.Type !== 'Task') return state;
    if (tasks.has(name)) throw new Error(`two Task states are named ${name}: tasks are bound by name`);
    const resource = String(state.Resource);
    const { Parameters, TimeoutSeconds, TimeoutSecondsPath, ...rest } = state;
    tasks.set(name, {
      name,
      resource,
      waitsForToken: resource.endsWith('.waitForTaskToken'),
      lambdaInvoke: resource.startsWith('arn:aws:states:::lambda:invoke'),
      timeoutSeconds: typeof TimeoutSeconds === 'number' ? TimeoutSeconds : undefined,
      timeoutSecondsPath: typeof TimeoutSecondsPath === 'string' ? TimeoutSecondsPath : undefined,
    });
    return {
      ...rest,
      Parameters: {
        [LOCAL_KEY]: typeof TimeoutSecondsPath === 'string' ? { 'Timeout.$': TimeoutSecondsPath } : {},
        ...(Parameters === undefined ? { 'Parameters.$': '$' } : { Parameters }),
      },
      TimeoutSecondsPath: `$.${LOCAL_KEY}.TimeoutSeconds`,
    };
  };
  // A copy throughout: the interpreter's validator adds fields (QueryLanguage) to the states it is given.
  const definition = rewrite(structuredClone(synthesized)) as unknown as StateMachineDefinition;
  return { definition, tasks, retryStates };
};
