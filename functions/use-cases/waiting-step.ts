import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import type { PipelinePort } from '../../domain/ports.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';

export interface WaitingStepDeps extends ApplyCommandDeps {
  pipeline: PipelinePort;
}

/** What a step at a `.waitForTaskToken` state decides on the latest return. */
export type WaitingDecision =
  /** What the step waits for has happened, or needs no wait: the run goes on at once (after `write`). */
  | { outcome: 'goes-on'; output: Record<string, unknown>; write?: Return }
  /** The step's token goes on the return in `write`, where whoever resumes the run finds it. */
  | { outcome: 'waits'; write: Return };

export type WaitingOutcome = WaitingDecision['outcome'] | 'ended';

/**
 * A step at a `.waitForTaskToken` state: it does its work and parks the run, in one decision on the
 * latest return (see decideOnLatest):
 * 1. a return that ended (closed, cancelled) lets the run go: there is nothing left to do or wait for;
 * 2. otherwise `decide` says whether the run goes on at once (what it waits for happened, or needs no
 *    wait) or waits, with its token on the return; if another writer changed the return between the
 *    read and the write, it is read again and decided anew, so a resumer that wrote first (and found no
 *    token) is never waited for in vain;
 * 3. then the run is resumed (goes on) or let go (ended) with the step's own token.
 */
/** Which run waits, and for which return; `from`, the return as the step last wrote it (decideOnLatest). */
export interface WaitingTask {
  sellerId: string;
  returnId: string;
  taskToken: string;
  from?: Return;
}

export const runWaitingStep = async (
  deps: WaitingStepDeps,
  { sellerId, returnId, taskToken, from }: WaitingTask,
  decide: (current: Return) => WaitingDecision | Promise<WaitingDecision>,
): Promise<{ outcome: WaitingOutcome; ret: Return }> => {
  type Decided = { outcome: WaitingOutcome; ret: Return; output?: Record<string, unknown> };
  const decided = await decideOnLatest<Decided>(
    deps,
    sellerId,
    returnId,
    async (current) => {
      if (TERMINAL_STATUSES.includes(current.status)) {
        return { answer: { outcome: 'ended', ret: current } as Decided };
      }
      const decision = await decide(current);
      const output = decision.outcome === 'goes-on' ? decision.output : undefined;
      if (!decision.write) return { answer: { outcome: decision.outcome, ret: current, output } };
      return {
        write: decision.write,
        answerWritten: (written: Return): Decided => ({ outcome: decision.outcome, ret: written, output }),
      };
    },
    { from },
  );
  if (decided.output) await deps.pipeline.resume(taskToken, decided.output);
  if (decided.outcome === 'ended')
    await deps.pipeline.abandon(taskToken, `the return is ${decided.ret.status}`);
  return { outcome: decided.outcome, ret: decided.ret };
};
