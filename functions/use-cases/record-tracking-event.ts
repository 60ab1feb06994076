import { IllegalTransitionError, NotFoundError } from '../../domain/errors.js';
import { hasSeenTrackingEvent, type TrackingEvent } from '../../domain/carriers/tracking-event.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import type { Clock, ReturnRepository } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import { isDeliveredOrLater } from '../../domain/lifecycle-tracking.js';
import type { PipelinePort } from '../../domain/ports.js';
import { decideOnLatest, type Decision } from './apply-command.js';

export interface RecordTrackingEventDeps {
  returns: ReturnRepository;
  clock: Clock;
  pipeline: PipelinePort;
}

/**
 * - `accepted`: recorded on the return's timeline (whether it moved the status or, out of order, not);
 * - `duplicate`: this event id is already on the timeline; nothing was written;
 * - `ignored`: the return takes no carrier events in its status (e.g. CLOSED); nothing was written;
 * - `unknown`: no return has a label from this carrier with this tracking number.
 * `resumed` says whether the pipeline's wait for the carrier was completed by this call.
 */
export type RecordTrackingEventResult =
  | { outcome: 'accepted'; ret: Return; resumed: boolean }
  | { outcome: 'duplicate'; ret: Return; resumed: boolean }
  | { outcome: 'ignored'; ret: Return; reason: string }
  | { outcome: 'unknown' };

/** When the delivery this return holds happened: the TRACKING_EVENT entry that moved it to DELIVERED. */
const deliveredAtOf = (ret: Return): string | undefined => {
  const entry = ret.timeline.find(
    (e) => e.type === 'TRACKING_EVENT' && e.to === 'DELIVERED' && e.from !== 'DELIVERED',
  );
  const at = entry?.data?.occurredAt;
  return typeof at === 'string' ? at : undefined;
};

const resume = async (deps: RecordTrackingEventDeps, ret: Return, deliveredAt: string): Promise<boolean> => {
  const taskToken = ret.pipeline?.taskToken;
  if (!taskToken) return false;
  await deps.pipeline.resume(taskToken, { deliveredAt, trackingNumber: ret.trackingNumber });
  return true;
};

/**
 * Records one normalised carrier event on the return it belongs to:
 * 1. find the return by tracking number (an index read), then read it by key, consistently; unless its
 *    label came from this very carrier, it is not found: a carrier (or a leaked secret of one) moves only
 *    the returns whose labels it issued, and learns nothing about the others;
 * 2. if its timeline already holds the event id, change nothing; but if it is delivered and still holds
 *    the pipeline's task token, resume the pipeline again (the first resume may have failed after the
 *    write, and the carrier's resend is what retries it);
 * 3. apply TRACKING_EVENT as the carrier, written on the version read; if another writer won, read again
 *    and re-decide from step 2 (so two racing deliveries of one event record it once);
 * 4. if the event just moved the return to DELIVERED, resume the pipeline with the delivery.
 * A return whose status takes no carrier events (closed, cancelled, failed before its label) is
 * `ignored`, not an error: carriers resend non-2xx answers, and no resend would ever be accepted.
 * A failing resume throws after the write: the carrier's resend then takes step 2.
 * `sellerId` confines the event to that seller's returns (a label provider's webhook belongs to one
 * seller's connection): another seller's tracking number is `unknown` to it.
 */
export const recordTrackingEvent = async (
  deps: RecordTrackingEventDeps,
  event: TrackingEvent,
  sellerId?: string,
): Promise<RecordTrackingEventResult> => {
  const found = await deps.returns.findByTrackingNumber(event.trackingNumber);
  if (!found || (sellerId !== undefined && found.sellerId !== sellerId)) return { outcome: 'unknown' };
  const command: LifecycleCommand = {
    type: 'TRACKING_EVENT',
    status: event.status,
    eventId: event.eventId,
    occurredAt: event.occurredAt,
  };
  const actor = { kind: 'carrier' as const, id: event.carrier };

  type Decided =
    | { outcome: 'duplicate' | 'accepted'; ret: Return; justDelivered: boolean }
    | { outcome: 'ignored'; ret: Return; reason: string };
  let decided: Decided;
  try {
    decided = await decideOnLatest(deps, found.sellerId, found.id, (current): Decision<Decided> => {
      if (current.label?.carrier !== event.carrier) throw new NotFoundError(`return ${current.id}`);
      if (hasSeenTrackingEvent(current, event.eventId)) {
        return { answer: { outcome: 'duplicate', ret: current, justDelivered: false } };
      }
      let next: Return;
      try {
        next = transition(current, command, { now: deps.clock.now(), actor });
      } catch (error) {
        if (error instanceof IllegalTransitionError) {
          return { answer: { outcome: 'ignored', ret: current, reason: error.message } };
        }
        throw error;
      }
      const justDelivered = current.status !== 'DELIVERED' && next.status === 'DELIVERED';
      return { write: next, answerWritten: (ret) => ({ outcome: 'accepted', ret, justDelivered }) };
    });
  } catch (error) {
    if (error instanceof NotFoundError) return { outcome: 'unknown' };
    throw error;
  }

  if (decided.outcome === 'ignored') return decided;
  const { ret } = decided;
  if (decided.outcome === 'duplicate') {
    const delivered = isDeliveredOrLater(ret.status);
    const resumed = delivered && (await resume(deps, ret, deliveredAtOf(ret) ?? event.occurredAt));
    return { outcome: 'duplicate', ret, resumed };
  }
  const resumed = decided.justDelivered && (await resume(deps, ret, event.occurredAt));
  return { outcome: 'accepted', ret, resumed };
};
