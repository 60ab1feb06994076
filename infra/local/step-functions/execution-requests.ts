import { randomUUID } from 'node:crypto';
import type { ExecutionRecord, ExecutionStore } from './execution-store.js';
import { StepFunctionsError } from './step-functions-error.js';

export interface StartExecutionRequest {
  stateMachineArn: string;
  name?: string;
  /** JSON text, `{}` when absent. */
  input?: string;
}

/** What both local back ends (the runner and the recorder) answer through the API server. */
export interface StepFunctionsBackend {
  readonly stateMachineArn: string;
  startExecution(request: StartExecutionRequest): Promise<ExecutionRecord>;
  sendTaskSuccess(taskToken: string, output: string): Promise<void>;
  sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void>;
  sendTaskHeartbeat(taskToken: string): Promise<void>;
  describeExecution(executionArn: string): ExecutionRecord;
  listExecutions(stateMachineArn: string): ExecutionRecord[];
}

/** The local state machine's ARN (its name is fixed: one state machine per local runtime). */
export const localStateMachineArn = (region: string): string =>
  `arn:aws:states:${region}:000000000000:stateMachine:returns-local`;

/** `arn:aws:states:<region>:<account>:stateMachine:<sm>` → `…:execution:<sm>:<name>`. */
export const executionArnOf = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

// Step Functions' rule for execution names: 1-80 characters, none of these, no whitespace or controls.
const INVALID_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const isControl = (character: string): boolean => {
  const code = character.charCodeAt(0);
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
};
const isValidName = (name: string): boolean =>
  name.length >= 1 && name.length <= 80 && !INVALID_NAME_CHARACTERS.test(name) && ![...name].some(isControl);

const parseJson = (text: string, what: string, type: 'InvalidExecutionInput' | 'InvalidOutput'): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new StepFunctionsError(type, `Invalid ${what}: not valid JSON`);
  }
};
export const parseOutput = (output: string): unknown => parseJson(output, 'output', 'InvalidOutput');

export const assertStateMachine = (expected: string, given: string): void => {
  if (given !== expected) {
    throw new StepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${given}'`);
  }
};

/**
 * StartExecution's rules for a standard workflow: a name is used once. Asked again with the same name
 * and input while that execution runs, Step Functions answers with the running one (the call is
 * idempotent); with another input, or once it has stopped, it refuses with ExecutionAlreadyExists.
 * Returns the existing record (`created: false`) or a new RUNNING one, not yet stored.
 */
export const acceptStart = (
  store: ExecutionStore,
  stateMachineArn: string,
  request: StartExecutionRequest,
): { record: ExecutionRecord; created: boolean } => {
  assertStateMachine(stateMachineArn, request.stateMachineArn);
  const name = request.name ?? randomUUID();
  if (!isValidName(name)) {
    throw new StepFunctionsError('InvalidName', `Invalid Name: '${name}'`);
  }
  const input = parseJson(request.input ?? '{}', 'input', 'InvalidExecutionInput');
  const existing = store.get(name);
  if (existing) {
    if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(input)) {
      return { record: existing, created: false };
    }
    throw new StepFunctionsError(
      'ExecutionAlreadyExists',
      `Execution Already Exists: '${existing.executionArn}'`,
    );
  }
  const record: ExecutionRecord = {
    name,
    executionArn: executionArnOf(stateMachineArn, name),
    stateMachineArn,
    input,
    status: 'RUNNING',
    startedAt: new Date().toISOString(),
    closedTokens: [],
    notes: [],
  };
  return { record, created: true };
};

export const findExecution = (store: ExecutionStore, executionArn: string): ExecutionRecord => {
  const name = executionArn.slice(executionArn.lastIndexOf(':') + 1);
  const record = store.get(name);
  if (!record || record.executionArn !== executionArn) {
    throw new StepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  }
  return record;
};

export const listExecutions = (
  store: ExecutionStore,
  stateMachineArn: string,
  requested: string,
): ExecutionRecord[] => {
  assertStateMachine(stateMachineArn, requested);
  // Newest first, as Step Functions lists them.
  return store.all().sort((a, b) => b.startedAt.localeCompare(a.startedAt));
};
