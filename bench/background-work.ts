import { DEADLINE_SWEEPER_ENTRY, SWEEP_EVERY_MINUTES } from '../infra/constructs/deadline-sweeper.js';
import { GSI, PARTITION_KEY, sweepWatermarkKey } from '../functions/adapters/dynamodb/table-design.js';
import { dollarsPerMillionReturns, type Usage } from './cost-prices.js';
import type { DynamoDbCall } from './dynamodb-counting-proxy.js';

/** A month as AWS prices one: 730 hours. */
const MINUTES_A_MONTH = 730 * 60;

/** A function a schedule runs whatever the traffic, as the cost probe names it, and what of it is polling. */
interface PeriodicFunction {
  fn: string;
  what: string;
  /** Deployed runs a minute, per region. */
  runsPerMinute: number;
  /** A call the function makes on every run, found work or not (not caused by any return). */
  isPolling(call: DynamoDbCall): boolean;
}

const WATERMARK_PK = sweepWatermarkKey()[PARTITION_KEY];

/**
 * The periodic work of a region's stack. The deadline sweeper reads its watermark, Queries every shard of
 * the hours it sweeps and writes the watermark back on every run; what it does for a return it finds due
 * (a reminder, an overdue mark) is that return's, and stays in the per-return figures.
 */
export const PERIODIC_FUNCTIONS: readonly PeriodicFunction[] = [
  {
    fn: DEADLINE_SWEEPER_ENTRY.replace(/^functions\//, '').replace(/\.ts$/, ''),
    what: `deadline sweeper (a schedule, every ${SWEEP_EVERY_MINUTES} minute; locally every 5 s)`,
    runsPerMinute: 1 / SWEEP_EVERY_MINUTES,
    isPolling: (call) => call.index === GSI.bySweepTime.indexName || call.partitionKey === WATERMARK_PK,
  },
];

const periodicOf = (fn: string) => PERIODIC_FUNCTIONS.find((p) => p.fn === fn);

/**
 * The local runtime's outbox and webhook pollers stand in for the table stream (deployed, the stream
 * invokes the dispatchers only for items with work): their Queries of the sparse pending-events and
 * due-deliveries indexes look for work, and are not caused by the return. What they then do for the
 * return they find stays in its figures.
 */
const isOutboxPolling = (call: DynamoDbCall): boolean =>
  call.index === GSI.pendingEvents.indexName || call.index === GSI.dueDeliveries.indexName;

/** Whether a call is periodic polling, not caused by the return measured. */
export const isBackgroundCall = (call: DynamoDbCall): boolean =>
  isOutboxPolling(call) || (periodicOf(call.caller)?.isPolling(call) ?? false);

/** Whether an invocation is one a schedule makes, whatever the traffic. */
export const isBackgroundInvocation = (fn: string): boolean => periodicOf(fn) !== undefined;

/** One periodic function's cost per run as measured, and per region per minute and month, deployed. */
export interface BackgroundWork {
  fn: string;
  what: string;
  runsMeasured: number;
  /** Averages per run. */
  perRun: { calls: number; byOperation: Record<string, number>; wru: number; rru: number; ms: number };
  callsPerMinute: number;
  dollarsPerMonth: number;
}

/** The periodic work seen while one return was measured: averaged per run, scaled to the schedule. */
export const backgroundWork = (
  calls: readonly DynamoDbCall[],
  invocations: readonly { fn: string; ms: number; logBytes: number; memoryMb: number }[],
  platformLogBytes: number,
): BackgroundWork[] =>
  PERIODIC_FUNCTIONS.flatMap((periodic) => {
    const runs = invocations.filter((i) => i.fn === periodic.fn);
    if (runs.length === 0) return [];
    const polled = calls.filter((c) => c.caller === periodic.fn && periodic.isPolling(c));
    const per = (n: number) => n / runs.length;
    const byOperation: Record<string, number> = {};
    for (const c of polled) {
      const op = c.operation + (c.index ? ` ${c.index}` : '');
      byOperation[op] = (byOperation[op] ?? 0) + 1;
    }
    const wru = polled.reduce(
      (s, c) => s + c.wru.table + Object.values(c.wru.indexes).reduce((a, b) => a + b, 0),
      0,
    );
    const rru = polled.reduce((s, c) => s + c.rru, 0);
    const ms = runs.reduce((s, i) => s + i.ms, 0);
    // One run's usage, priced as if it were a return: dollars per million runs.
    const perRun: Usage = {
      apiRequests: 0,
      invocations: [{ ms: per(ms), memoryMb: runs[0]!.memoryMb }],
      stateTransitions: 0,
      wru: per(wru),
      rru: per(rru),
      sqsRequests: 0,
      mails: 0,
      logBytes: per(runs.reduce((s, i) => s + i.logBytes + platformLogBytes, 0)),
    };
    const perMillionRuns = Object.values(dollarsPerMillionReturns(perRun)).reduce((a, b) => a + b, 0);
    return [
      {
        fn: periodic.fn,
        what: periodic.what,
        runsMeasured: runs.length,
        perRun: {
          calls: per(polled.length),
          byOperation: Object.fromEntries(Object.entries(byOperation).map(([op, n]) => [op, per(n)])),
          wru: per(wru),
          rru: per(rru),
          ms: per(ms),
        },
        callsPerMinute: per(polled.length) * periodic.runsPerMinute,
        dollarsPerMonth: (perMillionRuns / 1_000_000) * periodic.runsPerMinute * MINUTES_A_MONTH,
      },
    ];
  });

/** What a fixed monthly cost adds per million returns at a few monthly volumes, and where it falls under a cent. */
export const amortised = (dollarsPerMonth: number): string => {
  const at = (returnsPerMonth: number) =>
    `$${(dollarsPerMonth / (returnsPerMonth / 1_000_000)).toFixed(4)}/M at ${returnsPerMonth.toLocaleString('en-US')} returns a month`;
  const underACent = Math.ceil((dollarsPerMonth / 0.01) * 1_000_000);
  return `${[100_000, 1_000_000, 10_000_000].map(at).join(', ')}; under $0.01/M from ${underACent.toLocaleString('en-US')} returns a month`;
};
