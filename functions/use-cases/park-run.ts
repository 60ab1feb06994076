import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import type { PipelinePort } from '../pipeline/pipeline-port.js';
import { decideOnLatest, type ApplyCommandDeps, type Decision } from './apply-command.js';

export interface ParkRunDeps extends ApplyCommandDeps {
  pipeline: PipelinePort;
}

/** One of the pipeline's waits: what it waits for, and how its token goes on the return. */
export interface Wait {
  /** True once what the run waits for has happened: the run then goes on at once. */
  isOver(ret: Return): boolean;
  /** What the run goes on with, when the wait was over before it began. */
  output(ret: Return): Record<string, unknown>;
  /** Stores the token on the return (AWAIT_CARRIER, AWAIT_INSPECTION, AWAIT_APPROVAL). */
  command(taskToken: string): LifecycleCommand;
}

export type ParkOutcome = 'parked' | 'resumed' | 'abandoned';

/**
 * Parks a run at a `.waitForTaskToken` state until someone else resumes it with the token:
 * 1. a return that ended (closed, cancelled) lets the run go: there is nothing left to wait for;
 * 2. if what the run waits for already happened (a fast carrier, warehouse or seller; a resumed run),
 *    the run goes on at once;
 * 3. otherwise the token goes on the return, where the resumer finds it. If the return changed between
 *    the read and the write, it is read again and step 1 decides anew, so a resumer that wrote first
 *    (and found no token) is never waited for in vain.
 */
export const parkRun = async (
  deps: ParkRunDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
  wait: Wait,
): Promise<{ outcome: ParkOutcome; ret: Return }> => {
  const decided = await decideOnLatest(
    deps,
    sellerId,
    returnId,
    (ret): Decision<{ outcome: ParkOutcome; ret: Return }> => {
      if (wait.isOver(ret)) return { answer: { outcome: 'resumed', ret } };
      if (TERMINAL_STATUSES.includes(ret.status)) return { answer: { outcome: 'abandoned', ret } };
      const next = transition(ret, wait.command(taskToken), {
        now: deps.clock.now(),
        actor: { kind: 'system' },
      });
      return { write: next, answerWritten: (written) => ({ outcome: 'parked', ret: written }) };
    },
  );
  if (decided.outcome === 'resumed') await deps.pipeline.resume(taskToken, wait.output(decided.ret));
  if (decided.outcome === 'abandoned')
    await deps.pipeline.abandon(taskToken, `the return is ${decided.ret.status}`);
  return decided;
};
