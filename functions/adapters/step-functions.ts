import {
  ExecutionAlreadyExists,
  InvalidToken,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { PipelinePort } from '../../domain/ports.js';
import { SentOnError, ReturnEndedError, type PipelineInput } from '../pipeline/pipeline-contract.js';
import { traceSdkClient } from '../shared/xray.js';

/** One client per container, traced in Lambda; locally AWS_ENDPOINT_URL_SFN points it at the local runner. */
const client = traceSdkClient(new SFNClient({}));

/** A task that already moved on (a resent webhook) or gave up waiting has nothing left to answer. */
const ignoringFinishedTasks = async (call: Promise<unknown>): Promise<void> => {
  try {
    await call;
  } catch (error) {
    const gone =
      error instanceof TaskTimedOut || error instanceof InvalidToken || error instanceof TaskDoesNotExist;
    if (!gone) throw error;
  }
};

/**
 * The pipeline on Step Functions. Starting a run needs the state machine's ARN (STATE_MACHINE_ARN);
 * answering a waiting task needs only its token, so the tasks of the state machine itself go without.
 */
export class StepFunctionsPipeline implements PipelinePort<PipelineInput> {
  constructor(private readonly stateMachineArn: string | undefined) {}

  async start(name: string, input: PipelineInput): Promise<void> {
    if (!this.stateMachineArn) throw new Error('STATE_MACHINE_ARN is not set');
    try {
      await client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      // Standard workflows refuse a second run under a name: exactly the duplicate start we want refused.
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }

  resume(taskToken: string, output: Record<string, unknown>): Promise<void> {
    return ignoringFinishedTasks(
      client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })),
    );
  }

  abandon(taskToken: string, why: string): Promise<void> {
    return this.fail(taskToken, ReturnEndedError.name, why);
  }

  sendOn(taskToken: string, step: string): Promise<void> {
    return this.fail(taskToken, SentOnError.name, `the run goes on at ${step}`);
  }

  /** Fails a waiting task with an error the definition catches by name. */
  private fail(taskToken: string, error: string, cause: string): Promise<void> {
    return ignoringFinishedTasks(client.send(new SendTaskFailureCommand({ taskToken, error, cause })));
  }
}

export const pipelineFromEnv = (): StepFunctionsPipeline =>
  new StepFunctionsPipeline(process.env.STATE_MACHINE_ARN);
