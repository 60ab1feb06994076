import middy from '@middy/core';
import { observe } from '../shared/observability.js';
import { sweepPendingEvents } from './dispatch-pending.js';

/**
 * How old a pending event must be before the sweeper takes it: the stream normally dispatches within a
 * second, so the sweeper only picks up what the stream's retries gave up on (or a stream outage).
 */
const GRACE_MS = 60_000;

/** OutboxSweeper (every minute): the backstop of the stream, over the sparse pending-events index. */
export const handler = middy<unknown, { returns: number }>()
  .use(observe())
  .handler(async () => ({ returns: await sweepPendingEvents(new Date(Date.now() - GRACE_MS), 500) }));
