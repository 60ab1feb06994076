import type { PipelineInput } from './pipeline-contract.js';

/** What use cases need from the state machine: start a run, and resume a task that waits for a callback. */
export interface PipelinePort {
  /** Starts a run under a deterministic name; a name already used is not started twice (no error). */
  start(name: string, input: PipelineInput): Promise<void>;
  /** Completes a waiting task. A token that was already used or has timed out is ignored. */
  resume(taskToken: string, output: Record<string, unknown>): Promise<void>;
  /** Ends a waiting task because the return ended (closed or cancelled): the run stops quietly. */
  abandon(taskToken: string, why: string): Promise<void>;
}
