import {
  acceptStart,
  findExecution,
  listExecutions,
  parseOutput,
  type StartExecutionRequest,
  type StepFunctionsBackend,
} from './execution-requests.js';
import { ExecutionStore, type ExecutionRecord } from './execution-store.js';
import { StepFunctionsError } from './step-functions-error.js';

/** A SendTask* call the recorder received. */
export interface RecordedCallback {
  kind: 'success' | 'failure' | 'heartbeat';
  taskToken: string;
  output?: unknown;
  error?: string;
  cause?: string;
  at: string;
}

/**
 * Step Functions for handler tests: it runs nothing. StartExecution is checked and recorded like the
 * real service (a name is used once; DescribeExecution/ListExecutions show the RUNNING execution and
 * its input), and every SendTaskSuccess/Failure/Heartbeat is recorded. A token is accepted once and
 * refused afterwards with TaskTimedOut, as Step Functions refuses a task that has already ended.
 */
export class RecordingStepFunctions implements StepFunctionsBackend {
  readonly callbacks: RecordedCallback[] = [];
  private readonly closedTokens = new Set<string>();

  private constructor(
    readonly stateMachineArn: string,
    private readonly store: ExecutionStore,
  ) {}

  static async create(stateMachineArn: string): Promise<RecordingStepFunctions> {
    return new RecordingStepFunctions(stateMachineArn, await ExecutionStore.open());
  }

  async startExecution(request: StartExecutionRequest): Promise<ExecutionRecord> {
    const { record, created } = acceptStart(this.store, this.stateMachineArn, request);
    if (created) this.store.add(record);
    return record;
  }

  async sendTaskSuccess(taskToken: string, output: string): Promise<void> {
    const parsed = parseOutput(output);
    this.close(taskToken);
    this.callbacks.push({ kind: 'success', taskToken, output: parsed, at: new Date().toISOString() });
  }

  async sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void> {
    this.close(taskToken);
    this.callbacks.push({ kind: 'failure', taskToken, error, cause, at: new Date().toISOString() });
  }

  async sendTaskHeartbeat(taskToken: string): Promise<void> {
    this.assertOpen(taskToken);
    this.callbacks.push({ kind: 'heartbeat', taskToken, at: new Date().toISOString() });
  }

  describeExecution(executionArn: string): ExecutionRecord {
    return findExecution(this.store, executionArn);
  }

  listExecutions(stateMachineArn: string): ExecutionRecord[] {
    return listExecutions(this.store, this.stateMachineArn, stateMachineArn);
  }

  private assertOpen(taskToken: string): void {
    if (this.closedTokens.has(taskToken)) {
      throw new StepFunctionsError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
  }

  private close(taskToken: string): void {
    this.assertOpen(taskToken);
    this.closedTokens.add(taskToken);
  }
}
