import type { EventBus } from '../../domain/ports.js';
import type { EventSink } from './dispatch-events.js';

/** The bus sink: every event also goes on the region's bus, with its seller (at least once). */
export const busSink = (deps: { bus: EventBus }): EventSink => ({
  name: 'bus',
  handle: (event, ret) => deps.bus.put(ret.sellerId, event),
});
