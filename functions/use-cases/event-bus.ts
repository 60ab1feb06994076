import type { EventBus } from '../../domain/ports.js';
import type { EventSink } from './dispatch-events.js';

/** The bus sink: every event also goes on the region's bus, with its seller (at least once), a pass's together. */
export const busSink = (deps: { bus: EventBus }): EventSink => ({
  name: 'bus',
  take: (events, ret) => deps.bus.put(ret.sellerId, events),
});
