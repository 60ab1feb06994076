import { ConcurrencyConflictError, NamedError, PartlyWrittenError } from '../../domain/errors.js';
import type { EventOutbox, ReturnRef, ReturnRepository } from '../../domain/ports.js';
import { materializeEvent } from '../../domain/events/event-snapshot.js';
import type { OutboxEvent, Return } from '../../domain/return.js';

/**
 * One place events go (mail, the seller's event feed, webhook deliveries, the bus). It takes one pass's
 * events of a return, oldest first, in as few calls as it can, and reads what it needs of the seller
 * once per pass, not once per event. It resolves when it took them all, or throws: a PartlyWrittenError
 * when it took the first `written` (any other error: none). Must be safe to run twice for one event: the
 * dispatcher hands an event on again whenever it cannot tell it was, and every event after a refused one.
 */
export interface EventSink {
  readonly name: string;
  take(events: readonly OutboxEvent[], ret: Return): Promise<void>;
}

/**
 * For a sink with one call per event: hands `events` to `handle` one at a time, in order, and stops at
 * the first it refuses (a PartlyWrittenError naming how many it took), so no later one overtakes it.
 */
export const eachInOrder = async (
  events: readonly OutboxEvent[],
  handle: (event: OutboxEvent) => Promise<void>,
): Promise<void> => {
  for (const [taken, event] of events.entries()) {
    try {
      await handle(event);
    } catch (error) {
      throw new PartlyWrittenError(taken, `event ${event.id} was refused`, { cause: error });
    }
  }
};

export interface DispatchDeps {
  returns: Pick<ReturnRepository, 'get'>;
  outbox: Pick<EventOutbox, 'drain'>;
  sinks: readonly EventSink[];
}

const DRAIN_ATTEMPTS = 5;

/** An event that one of its sinks could not take yet: it stays in the outbox and is handed on again later. */
export class EventNotDispatchedError extends NamedError {
  constructor(
    readonly eventId: string,
    readonly sink: string,
    options: ErrorOptions,
  ) {
    super(`event ${eventId} was not handed to ${sink}`, options);
  }
}

/**
 * Hands one return's pending events on, in sequence order, and removes the ones handed on:
 * 1. read the return; its pending events, oldest first, a thin one with its snapshot taken from the
 *    return read (UnfrozenEventError if the return moved past it: a bug, which stops the return there),
 *    go to each sink in turn, in one pass each; what a sink refuses (an event and every later one: so a
 *    later event never overtakes an earlier one) goes to no later sink, and stays;
 * 2. drain what every sink took, conditionally on the version read; if a writer or another dispatcher
 *    wrote meanwhile, read again and drain those ids from the latest outbox (not handing them on again);
 * 3. report an event that stayed, so the trigger (stream, sweeper, poller) tries again later.
 * An event leaves the outbox only after every sink took it, so a crash anywhere loses none: at worst a
 * sink sees an event twice, and each sink is idempotent on the event id.
 */
export const dispatchReturnEvents = async (deps: DispatchDeps, ref: ReturnRef): Promise<number> => {
  const ret = await deps.returns.get(ref.sellerId, ref.id);
  const pending = [...(ret?.outbox?.pending ?? [])].sort((a, b) => a.sequence - b.sequence);
  if (!ret || pending.length === 0) return 0;
  let { events: handed, failure } = materialized(pending, ret);
  for (const sink of deps.sinks) {
    if (handed.length === 0) break;
    try {
      await sink.take(handed, ret);
    } catch (error) {
      const taken = error instanceof PartlyWrittenError ? Math.min(error.written, handed.length - 1) : 0;
      failure = new EventNotDispatchedError(handed[taken]!.id, sink.name, { cause: error });
      handed = handed.slice(0, taken);
    }
  }
  await drain(
    deps,
    ret,
    handed.map((event) => event.id),
  );
  if (failure) throw failure;
  return handed.length;
};

/** The pending events as their sinks take them, up to the first one the return moved past. */
const materialized = (
  pending: readonly OutboxEvent[],
  ret: Return,
): { events: OutboxEvent[]; failure?: Error } => {
  const events: OutboxEvent[] = [];
  for (const stored of pending) {
    try {
      events.push(materializeEvent(stored, ret));
    } catch (error) {
      return { events, failure: error as Error };
    }
  }
  return { events };
};

const drain = async (deps: DispatchDeps, read: Return, ids: readonly string[]): Promise<void> => {
  let ret: Return | undefined = read;
  for (let attempt = 1; ret && ids.length > 0; attempt++) {
    const left = ids.filter((id) => ret!.outbox?.pending.some((event) => event.id === id));
    if (left.length === 0) return;
    try {
      await deps.outbox.drain(ret, left);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt >= DRAIN_ATTEMPTS) throw error;
    }
    ret = await deps.returns.get(read.sellerId, read.id);
  }
};
