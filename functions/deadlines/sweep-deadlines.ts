import middy from '@middy/core';
import { DynamoDeadlineSweepIndex } from '../adapters/dynamodb/deadline-sweep-index.js';
import { documentClient, tableNameFromEnv } from '../adapters/dynamodb/document-client.js';
import { clock, reminderLead, returns } from '../shared/dependencies/data.js';
import { countDeadlineReminder, countReturnOverdue, logger, observe } from '../shared/observability.js';
import { sweepDeadlines } from '../use-cases/sweep-deadlines.js';

const deadlines = new DynamoDeadlineSweepIndex({ client: documentClient, tableName: tableNameFromEnv() });

/**
 * The deadline sweeper, run every minute by a schedule (and locally by infra/local/deadline-poller.ts):
 * marks offers that ran out unanswered EXPIRED, records the reminders of deadlines coming up (their
 * events mail the sellers) and marks passed ones overdue. A return that failed is logged
 * and tried again next minute; the invocation itself succeeds, so the schedule never piles up retries.
 */
export const handler = middy()
  .use(observe())
  .handler(async () => {
    const outcome = await sweepDeadlines({ returns, clock, deadlines, reminderLead });
    for (const ref of outcome.expired) logger.info('offer expired', { returnId: ref.id });
    for (const _ of outcome.reminded) countDeadlineReminder();
    for (const ret of outcome.overdue) {
      countReturnOverdue();
      logger.warn('return overdue', { returnId: ret.id, deadline: ret.nextDeadline });
    }
    for (const { ref, error } of outcome.failed) {
      logger.error('deadline sweep failed for a return; retried next sweep', {
        returnId: ref.id,
        error: error as Error,
      });
    }
    return {
      expired: outcome.expired.length,
      reminded: outcome.reminded.length,
      overdue: outcome.overdue.length,
      failed: outcome.failed.length,
    };
  });
