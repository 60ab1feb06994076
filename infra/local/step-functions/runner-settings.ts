import { PIPELINE_STATES } from '../../../functions/pipeline/pipeline-contract.js';
import type { TaskTimeoutSettings } from './task-timeout.js';

/** Local settings; `runnerSettingsFromEnv` reads them from the environment. */
export interface RunnerSettings extends TaskTimeoutSettings {
  /** Every Retry waits this long between attempts, instead of IntervalSeconds × backoff (+ jitter). */
  retryIntervalMs: number;
}

const positive = (env: NodeJS.ProcessEnv, name: string): number | undefined => {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`${name} must be a positive number, not "${value}"`);
  return number;
};

/**
 * - `LOCAL_RETRY_INTERVAL_MS` (default 200): the wait between retries of any state;
 * - `LOCAL_SHIP_BY_SECONDS` (unset: the real window): IssueLabel, which waits for the carrier within
 *   the ship-by window, times out after at most this long;
 * - `LOCAL_TASK_TIMEOUT_SECONDS` (default 60): the timeout of tasks the definition gives none.
 */
export const runnerSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): RunnerSettings => {
  const shipBy = positive(env, 'LOCAL_SHIP_BY_SECONDS');
  return {
    retryIntervalMs: positive(env, 'LOCAL_RETRY_INTERVAL_MS') ?? 200,
    timeoutCapsSeconds: shipBy === undefined ? {} : { [PIPELINE_STATES.issueLabel]: shipBy },
    defaultTaskTimeoutSeconds: positive(env, 'LOCAL_TASK_TIMEOUT_SECONDS') ?? 60,
  };
};

/** The settings given, the environment's for the rest. */
export const runnerSettings = (given: Partial<RunnerSettings>): RunnerSettings => {
  const defaults = runnerSettingsFromEnv();
  return {
    retryIntervalMs: given.retryIntervalMs ?? defaults.retryIntervalMs,
    timeoutCapsSeconds: given.timeoutCapsSeconds ?? defaults.timeoutCapsSeconds,
    defaultTaskTimeoutSeconds: given.defaultTaskTimeoutSeconds ?? defaults.defaultTaskTimeoutSeconds,
  };
};
