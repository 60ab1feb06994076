import { ConcurrencyConflictError, NamedError } from '../../domain/errors.js';
import type { EventOutbox, ReturnRef, ReturnRepository } from '../../domain/ports.js';
import { materializeEvent } from '../../domain/events/event-snapshot.js';
import type { OutboxEvent, Return } from '../../domain/return.js';

/**
 * One place an event goes (mail, the seller's event feed, webhook deliveries, the bus). Must be safe to
 * run twice for one event: the dispatcher hands an event on again whenever it cannot tell it was.
 */
export interface EventSink {
  readonly name: string;
  handle(event: OutboxEvent, ret: Return): Promise<void>;
}

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
 * 1. read the return; each pending event, oldest first, goes to every sink, a thin one with its snapshot
 *    taken from the return read (UnfrozenEventError if the return moved past it: a bug); the first event
 *    refused stops the return there (so a later event never overtakes an earlier one), and stays;
 * 2. drain what was handed on, conditionally on the version read; if a writer or another dispatcher
 *    wrote meanwhile, read again and drain those ids from the latest outbox (not handing them on again);
 * 3. report an event that stayed, so the trigger (stream, sweeper, poller) tries again later.
 * An event leaves the outbox only after every sink took it, so a crash anywhere loses none: at worst a
 * sink sees an event twice, and each sink is idempotent on the event id.
 */
export const dispatchReturnEvents = async (deps: DispatchDeps, ref: ReturnRef): Promise<number> => {
  const ret = await deps.returns.get(ref.sellerId, ref.id);
  const pending = [...(ret?.outbox?.pending ?? [])].sort((a, b) => a.sequence - b.sequence);
  if (!ret || pending.length === 0) return 0;
  const handed: string[] = [];
  let failure: Error | undefined;
  for (const event of pending) {
    failure = await handOn(deps.sinks, event, ret);
    if (failure) break;
    handed.push(event.id);
  }
  await drain(deps, ret, handed);
  if (failure) throw failure;
  return handed.length;
};

const handOn = async (
  sinks: readonly EventSink[],
  stored: OutboxEvent,
  ret: Return,
): Promise<Error | undefined> => {
  let event: OutboxEvent;
  try {
    event = materializeEvent(stored, ret);
  } catch (error) {
    return error as Error;
  }
  for (const sink of sinks) {
    try {
      await sink.handle(event, ret);
    } catch (error) {
      return new EventNotDispatchedError(event.id, sink.name, { cause: error });
    }
  }
  return undefined;
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
