import type { Clock, EventFeed, EventOutbox } from '../../domain/ports.js';
import type { OutboxEvent } from '../../domain/return.js';
import type { EventSink } from './dispatch-events.js';

/**
 * The feed sink: every event of a return goes into its seller's feed (idempotent on the event), a pass's
 * in one batch. The feed is read in its sort order, never in the order written, and only up to the
 * oldest event still pending, so one written ahead of a refused one shows only after that one is in.
 */
export const feedSink = (deps: { feed: Pick<EventFeed, 'put'> }): EventSink => ({
  name: 'feed',
  take: (events, ret) => deps.feed.put(ret.sellerId, events),
});

export interface ListEventsDeps {
  feed: Pick<EventFeed, 'list'>;
  outbox: Pick<EventOutbox, 'oldestPendingOf'>;
  clock: Clock;
  /**
   * How long after it happened an event may still be written: a writer reads the clock, may then call a
   * provider (a label purchase, a refund), and only then writes. Events younger than this wait.
   */
  settleMs: number;
}

/**
 * GET /v1/events: the seller's events in order, after a position the feed gave out, so an integrator
 * catches up after an outage and never misses one:
 * 1. the horizon is now less `settleMs`, or the time of the seller's oldest event still in an outbox
 *    if earlier: every event before it has been dispatched into the feed, and no later write can land
 *    before it, so a position once served never has an event appear behind it;
 * 2. list the feed from `after` up to the horizon; `next` is the last position served (or `after` again:
 *    poll with it).
 */
export const listEvents = async (
  deps: ListEventsDeps,
  sellerId: string,
  query: { after?: string; limit: number },
): Promise<{ items: OutboxEvent[]; next?: string }> => {
  const settled = new Date(deps.clock.now().getTime() - deps.settleMs).toISOString();
  const pending = await deps.outbox.oldestPendingOf(sellerId);
  const before = pending !== undefined && pending < settled ? pending : settled;
  const { items, last } = await deps.feed.list(sellerId, { ...query, before });
  const next = last ?? query.after;
  return { items, ...(next === undefined ? {} : { next }) };
};
