import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Rule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { bindTable } from './bind-table.js';
import { everyMinute } from './every-minute.js';
import { ReturnsFunction, type FunctionObservability } from './returns-function.js';

/** The sweeper's handler module, relative to the repository root (the local poller runs the same). */
export const DEADLINE_SWEEPER_ENTRY = 'functions/deadlines/sweep-deadlines.ts';
/** How often the schedule runs it (the cost bench prices its polling as a fixed cost per region from this). */
export const SWEEP_EVERY_MINUTES = 1;

export interface DeadlineSweeperProps {
  table: ITable;
  observability: FunctionObservability;
}

/**
 * The deadline sweeper: a function a schedule invokes every minute, which records the reminders of
 * deadlines coming up (their events mail the sellers) and marks passed ones overdue, reading the table's hourly deadline index (no Scan). It works
 * from stored state only, so a missed or failed invocation loses nothing: the next one starts from the
 * same watermark. Two sweeps that overlap are safe (every mark is a conditional write on the return's
 * version, and a reminder is recorded once per deadline), so no reserved concurrency is taken from
 * the account.
 */
export class DeadlineSweeper extends Construct {
  readonly function: ReturnsFunction;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: DeadlineSweeperProps) {
    super(scope, id);
    this.function = new ReturnsFunction(this, 'SweepDeadlines', {
      entry: DEADLINE_SWEEPER_ENTRY,
      description: 'Deadlines: remind sellers before a return deadline and mark passed ones overdue',
      observability: props.observability,
      // Catching up after an outage reads up to 48 hours of the index in one sweep.
      timeout: Duration.seconds(60),
      noDeadLetterQueueReason:
        'invoked by a one-minute schedule with retries off: a failed sweep changes nothing it has not written, and the next minute sweeps again from the same stored watermark, so a dead-letter queue would hold nothing to act on',
    });
    bindTable(this.function, props.table, 'readWrite');
    this.schedule = everyMinute(this, 'EveryMinute', this.function, 'Runs the deadline sweeper every minute');
  }
}
