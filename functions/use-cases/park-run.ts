import { ConcurrencyConflictError, NotFoundError } from '../../domain/errors.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import type { PipelinePort } from '../pipeline/pipeline-port.js';
import type { ApplyCommandDeps } from './apply-command.js';

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

const ATTEMPTS = 3;

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
  for (let attempt = 1; ; attempt++) {
    const ret = await deps.returns.get(sellerId, returnId);
    if (!ret) throw new NotFoundError(`return ${returnId}`);
    if (TERMINAL_STATUSES.includes(ret.status) && !wait.isOver(ret)) {
      await deps.pipeline.abandon(taskToken, `the return is ${ret.status}`);
      return { outcome: 'abandoned', ret };
    }
    if (wait.isOver(ret)) {
      await deps.pipeline.resume(taskToken, wait.output(ret));
      return { outcome: 'resumed', ret };
    }
    const next = transition(ret, wait.command(taskToken), {
      now: deps.clock.now(),
      actor: { kind: 'system' },
    });
    try {
      await deps.returns.update(next);
      return { outcome: 'parked', ret: next };
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
};
