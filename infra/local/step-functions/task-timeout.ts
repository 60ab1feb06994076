import {
  MAX_TIMEOUT_SECONDS,
  type LOCAL_KEY,
  type LocalTaskInput,
  type TaskBinding,
} from './interpreter-definition.js';

export interface TaskTimeoutSettings {
  /** Upper bounds on task timeouts, in seconds, by state name (e.g. a short ship-by window). */
  timeoutCapsSeconds: Readonly<Record<string, number>>;
  /** The timeout of a task without TimeoutSeconds/Path (Lambda's own limit would apply in AWS). */
  defaultTaskTimeoutSeconds: number;
}

/** A task attempt's timeout in whole seconds, or why the state's TimeoutSecondsPath gave none. */
export interface TaskTimeout {
  seconds: number;
  invalid?: string;
}

/**
 * The timeout of one attempt of a Task state, in whole seconds from 1 to MAX_TIMEOUT_SECONDS:
 *
 * - the state's own TimeoutSeconds (the CDK gives every plain task one, and the inspection and approval
 *   waits theirs: 30 and 14 days), or what its TimeoutSecondsPath resolved to (IssueLabel: the
 *   ship-by window); without either, a year for a callback and the local default for a plain task, as
 *   Step Functions and Lambda would;
 * - shortened by the state's local cap (`timeoutCapsSeconds`);
 * - for a wait resumed after a restart (`resumeDeadline`, epoch ms), no later than the deadline the
 *   previous runner recorded: a restart never lengthens a wait, whether its timeout is fixed or a path;
 * - at most MAX_TIMEOUT_SECONDS (24.8 days), the longest timer Node.js holds: a longer wait (the 30-day
 *   inspection wait) times out locally after that.
 */
export const taskTimeout = (
  task: TaskBinding,
  local: LocalTaskInput[typeof LOCAL_KEY],
  settings: TaskTimeoutSettings,
  resumeDeadline?: number,
  now = Date.now(),
): TaskTimeout => {
  const fromPath = local.Timeout;
  if (task.timeoutSecondsPath !== undefined && !(typeof fromPath === 'number' && fromPath >= 1)) {
    return {
      seconds: 1,
      invalid: `TimeoutSecondsPath ${task.timeoutSecondsPath} of ${task.name} is not a number of seconds ≥ 1`,
    };
  }
  const configured =
    task.timeoutSeconds ??
    fromPath ??
    (task.waitsForToken ? MAX_TIMEOUT_SECONDS : settings.defaultTaskTimeoutSeconds);
  const cap = settings.timeoutCapsSeconds[task.name] ?? Infinity;
  const left = resumeDeadline === undefined ? Infinity : (resumeDeadline - now) / 1000;
  const seconds = Math.ceil(Math.min(configured, cap, left, MAX_TIMEOUT_SECONDS));
  return { seconds: Math.max(1, seconds) };
};
