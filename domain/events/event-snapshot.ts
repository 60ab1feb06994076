import { NamedError } from '../errors.js';
import type { OutboxEvent, Return } from '../return.js';
import { ReturnEventSnapshotSchema, type ReturnEventSnapshot } from './return-event.js';

/**
 * An event's `data.return` is the return at the event's version. It is stored thin, frozen on write:
 * - while the event's version is the return's own, the outbox stores it without the snapshot, which is
 *   then exactly `eventSnapshot` of the stored return, and the dispatcher derives it (`materializeEvent`);
 * - the write that moves the return past that version fills it in (`frozenPending`) from the return it
 *   read, which is that version, in the same conditional write.
 * Most events are dispatched before the next write, so most never store a snapshot.
 */

/** The fields of the return an event carries, as its schema names them. */
const SNAPSHOT_FIELDS = Object.keys(ReturnEventSnapshotSchema.shape) as (keyof ReturnEventSnapshot)[];

/** The subset of the return an event carries (ReturnEventSnapshotSchema); of its attention, only what happened. */
export const eventSnapshot = (ret: Return): ReturnEventSnapshot => {
  const snapshot: Record<string, unknown> = {};
  for (const field of SNAPSHOT_FIELDS) if (ret[field] !== undefined) snapshot[field] = ret[field];
  if (ret.attention) snapshot.attention = { step: ret.attention.step, error: ret.attention.error };
  return snapshot as ReturnEventSnapshot;
};

/**
 * A thin event whose version the return has moved past: a write bumped the version without freezing it,
 * so the return at the event's version is gone. A bug, never papered over with another version's data:
 * the event is refused and stays pending.
 */
export class UnfrozenEventError extends NamedError {
  constructor(event: OutboxEvent, ret: Pick<Return, 'id' | 'version'>) {
    super(
      `event ${event.id} of version ${event.version} has no snapshot, and return ${ret.id} is at version ${ret.version}`,
    );
  }
}

const withSnapshot = (event: OutboxEvent, snapshot: ReturnEventSnapshot): OutboxEvent => ({
  ...event,
  data: { return: snapshot, change: event.data.change },
});

/**
 * The pending events as the write of `version` over `read` stores them: each thin one it moves past gets
 * the snapshot of `read`, its version. A thin one of another version than `read`'s is refused.
 */
export const frozenPending = (
  pending: readonly OutboxEvent[],
  read: Return,
  version: number,
): OutboxEvent[] => {
  let snapshot: ReturnEventSnapshot | undefined;
  return pending.map((event) => {
    if (event.data.return !== undefined || event.version === version) return event;
    if (event.version !== read.version) throw new UnfrozenEventError(event, read);
    snapshot ??= eventSnapshot(read);
    return withSnapshot(event, snapshot);
  });
};

/** The event as its sinks receive it, from the stored return it waits on: its snapshot filled in if thin. */
export const materializeEvent = (event: OutboxEvent, ret: Return): OutboxEvent => {
  if (event.data.return !== undefined) return event;
  if (event.version !== ret.version) throw new UnfrozenEventError(event, ret);
  return withSnapshot(event, eventSnapshot(ret));
};

/** Refuses to store a return that moved past a thin event (the write path freezes them: withEvents). */
export const checkFrozen = (ret: Return): void => {
  const unfrozen = ret.outbox?.pending.find((e) => e.data.return === undefined && e.version !== ret.version);
  if (unfrozen) throw new UnfrozenEventError(unfrozen, ret);
};
