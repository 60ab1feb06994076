import {
  PIPELINE_STATES,
  ResumeAtSchema,
  SEND_ON_WINDOW_SECONDS,
  WAITING_STATES,
  runStart,
} from '../../../functions/pipeline/pipeline-contract.js';
import type { ExecutionRecord } from './execution-store.js';

/** What a restarted runner does with an execution that was RUNNING when the previous one stopped. */
export type ResumePlan =
  | { kind: 'wait'; input: unknown; state: string; token: string; deadline: string; note: string }
  | { kind: 'rerun'; input: unknown; note: string }
  | { kind: 'fail'; note: string };

const withResume = (input: unknown, extra: Record<string, unknown>): unknown => ({
  ...(typeof input === 'object' && input !== null ? input : {}),
  ...extra,
});

const isWaitingState = (state: string): boolean => (WAITING_STATES as readonly string[]).includes(state);

/**
 * The interpreter cannot restore a run mid-way, so a kept execution continues as a new run of the same
 * definition, started at IssueLabel, which sends it on (through Route) to `resumeAt` (ResumeAtSchema):
 *
 * - waiting for a callback at a resumable waiting state (WAITING_STATES: the carrier, the inspection,
 *   the approval, the refund): its handler runs again (handlers are idempotent, their ids coming from
 *   the return, so a crash inside one is safe) and the run waits there with THE SAME token (the system
 *   stored it and will send it), until the deadline recorded for the wait (the runner times the
 *   resumed wait by it); IssueLabel also gets what is left of its window as `wait.shipBySeconds`,
 *   which its TimeoutSecondsPath reads (at least 1 s, so a window that ran out while the runner was
 *   down times out at once), and a run resumed later gets SEND_ON_WINDOW_SECONDS;
 * - cut off before any task: start over with the original input (nothing has happened yet);
 * - anything else (a state Route cannot jump to, or a waiting state whose token was never recorded):
 *   FAILED, with a note, rather than guess; the return stays where it is for a person to look at.
 */
export const resumePlan = (
  record: ExecutionRecord,
  now: number,
  resumable: readonly string[],
): ResumePlan => {
  const { waiting, lastTask } = record;
  if (waiting && isWaitingState(waiting.state) && resumable.includes(waiting.state)) {
    const seconds = Math.max(1, Math.ceil((Date.parse(waiting.deadline) - now) / 1000));
    const extra = runStart(
      ResumeAtSchema.parse(waiting.state),
      waiting.state === PIPELINE_STATES.issueLabel ? seconds : SEND_ON_WINDOW_SECONDS,
    );
    return {
      kind: 'wait',
      input: withResume(record.input, extra),
      state: waiting.state,
      token: waiting.token,
      deadline: waiting.deadline,
      note: `resumed after a restart: waits again at ${waiting.state} with the same token (${seconds} s left)`,
    };
  }
  if (!waiting && lastTask === undefined) {
    return {
      kind: 'rerun',
      input: record.input,
      note: 'resumed after a restart: started over (no task had run)',
    };
  }
  // Every state Route can jump to waits for a token, which is recorded before its handler runs: a run
  // cut off there without one cannot wait again.
  const where = waiting?.state ?? lastTask;
  return {
    kind: 'fail',
    note: `the local runner stopped while the execution was in ${where}, where it cannot resume`,
  };
};

/**
 * What a restarted runner does with each execution the previous one kept RUNNING (and this one has
 * not started since: `isActive`), planned at `now`, the plan noted on its record.
 */
export const restartPlans = (
  records: readonly ExecutionRecord[],
  now: number,
  isActive: (name: string) => boolean,
): Array<{ record: ExecutionRecord; plan: ResumePlan }> =>
  records
    .filter((record) => record.status === 'RUNNING' && !isActive(record.name))
    .map((record) => {
      const plan = resumePlan(record, now, ResumeAtSchema.options);
      record.notes.push(`${new Date(now).toISOString()}: ${plan.note}`);
      return { record, plan };
    });
