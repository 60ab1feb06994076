import type { Context } from 'aws-lambda';
import { startPeriodicTask, type PeriodicTask } from './periodic-task.js';
import { lambdaContext } from './proxy-event.js';

/** What `export const handler` of the sweeper module is, as the schedule invokes it. */
export type SweepHandler = (event: Record<string, unknown>, context: Context) => Promise<unknown>;

/**
 * How often the sweeper runs locally: every 5 seconds (deployed: every minute), so a demo's reminder
 * and overdue mark show within seconds; LOCAL_DEADLINE_SWEEP_MS sets it.
 */
export const sweepIntervalMs = (raw = process.env.LOCAL_DEADLINE_SWEEP_MS): number => {
  if (raw === undefined || raw === '') return 5_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 3_600_000) {
    throw new Error(`LOCAL_DEADLINE_SWEEP_MS must be whole milliseconds from 100 to 3600000, not ${raw}`);
  }
  return ms;
};

/**
 * The deployed schedule, locally: the sweeper module the stack deploys, invoked every `intervalMs`, one
 * sweep at a time, first right at start-up, so a reminder that came due while the runtime was stopped
 * goes out at once. The sweeper works from the table alone, so nothing is lost across a restart.
 */
export const startDeadlinePoller = (options: {
  handler: SweepHandler;
  intervalMs: number;
  onError?: (error: unknown) => void;
}): PeriodicTask =>
  startPeriodicTask(
    options.intervalMs,
    () => options.handler({ source: 'local.deadline-poller' }, lambdaContext('SweepDeadlines', 60_000)),
    (error) => options.onError?.(error),
  );
