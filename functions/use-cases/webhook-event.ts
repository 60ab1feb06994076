import { matchesPatterns } from '../../domain/events/event-types.js';
import { ReturnEventSchema } from '../../domain/events/return-event.js';
import type { Clock, WebhookDeliveryRepository, WebhookEndpointRepository } from '../../domain/ports.js';
import { eachInOrder, type EventSink } from './dispatch-events.js';

/**
 * The webhook sink: one delivery per enabled endpoint of the seller that subscribes to the event, written
 * once (an event handed on again finds its deliveries there). The endpoints are listed once per pass.
 * Nothing is sent here: the delivery worker sends each on its own, so no receiver slows the dispatcher
 * or another seller.
 */
export const webhookSink = (deps: {
  endpoints: Pick<WebhookEndpointRepository, 'list'>;
  deliveries: Pick<WebhookDeliveryRepository, 'createOnce'>;
  clock: Clock;
}): EventSink => ({
  name: 'webhooks',
  take: async (events, ret) => {
    const enabled = (await deps.endpoints.list(ret.sellerId)).filter((e) => e.status === 'ENABLED');
    const now = deps.clock.now().toISOString();
    await eachInOrder(events, async (event) => {
      const endpoints = enabled.filter((endpoint) => matchesPatterns(event.type, endpoint.events));
      if (endpoints.length === 0) return;
      const payload = JSON.stringify(ReturnEventSchema.parse(event));
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
    });
  },
});
