import { dispatchReturnEvents, type EventSink } from '../../../functions/use-cases/dispatch-events.js';
import { mailSink } from '../../../functions/use-cases/mail-event.js';
import type { InMemoryWorld } from './world.js';

/**
 * What the dispatcher would do next: every pending event of every return handed to the mail sink (and any
 * other sinks given), as the stream or the poller would after the use case's write. Failures stay pending.
 */
export const dispatchAll = async (
  world: Pick<InMemoryWorld, 'returns' | 'mailer' | 'notifications' | 'sellers' | 'links' | 'baseUrl'>,
  sinks: EventSink[] = [mailSink(world)],
): Promise<void> => {
  for (const ref of await world.returns.pending(new Date('9999-12-31T23:59:59Z'), 1000)) {
    await dispatchReturnEvents({ returns: world.returns, outbox: world.returns, sinks }, ref).catch(
      () => undefined,
    );
  }
};
