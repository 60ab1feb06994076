import { matchesPatterns } from '../../domain/events/event-types.js';
import { ReturnEventSchema } from '../../domain/events/return-event.js';
import type { Clock, WebhookDeliveryRepository, WebhookEndpointRepository } from '../../domain/ports.js';
import type { EventSink } from './dispatch-events.js';

/**
 * The webhook sink: one delivery per enabled endpoint of the seller that subscribes to the event, written
 * once (an event handed on again finds its deliveries there). Nothing is sent here: the delivery worker
 * sends each on its own, so no receiver slows the dispatcher or another seller.
 */
export const webhookSink = (deps: {
  endpoints: Pick<WebhookEndpointRepository, 'list'>;
  deliveries: Pick<WebhookDeliveryRepository, 'createOnce'>;
  clock: Clock;
}): EventSink => ({
  name: 'webhooks',
  handle: async (event, ret) => {
    const endpoints = (await deps.endpoints.list(ret.sellerId)).filter(
      (endpoint) => endpoint.status === 'ENABLED' && matchesPatterns(event.type, endpoint.events),
    );
    if (endpoints.length === 0) return;
    const payload = JSON.stringify(ReturnEventSchema.parse(event));
    const now = deps.clock.now().toISOString();
    for (const endpoint of endpoints) {
      await deps.deliveries.createOnce({
        deliveryId: event.id,
        endpointId: endpoint.id,
        sellerId: ret.sellerId,
        returnId: ret.id,
        sequence: event.sequence,
        eventType: event.type,
        status: 'PENDING',
        attempts: [],
        createdAt: now,
        nextAttemptAt: now,
        payload,
      });
    }
  },
});
