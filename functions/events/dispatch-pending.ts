import type { ReturnRef } from '../../domain/ports.js';
import { outbox } from '../shared/dependencies/event-store.js';
import { dispatchDeps } from '../shared/dependencies/events.js';
import { logger } from '../shared/observability.js';
import { dispatchReturnEvents } from '../use-cases/dispatch-events.js';

/**
 * Dispatches each return's pending events, returns side by side (one return's trouble never holds up
 * another's), and tells which returns still hold an event (retried by the next trigger).
 */
export const dispatchReturns = async (refs: readonly ReturnRef[]): Promise<ReturnRef[]> => {
  const results = await Promise.allSettled(refs.map((ref) => dispatchReturnEvents(dispatchDeps, ref)));
  return refs.filter((ref, i) => {
    const result = results[i]!;
    if (result.status === 'fulfilled') return false;
    logger.warn('events not dispatched yet', { returnId: ref.id, error: result.reason as Error });
    return true;
  });
};

/** The returns whose oldest pending event is older than `before` (the sweeper's and the local poller's pass). */
export const sweepPendingEvents = async (before: Date, limit = 100): Promise<number> => {
  const refs = await outbox.pending(before, limit);
  await dispatchReturns(refs);
  return refs.length;
};
