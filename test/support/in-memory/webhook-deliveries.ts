import type { WebhookDeliveryRepository } from '../../../domain/ports.js';
import type { WebhookDelivery } from '../../../domain/webhooks/webhook-delivery.js';

/** Webhook deliveries in memory, by endpoint, return and sequence (their chain), each written once. */
export class InMemoryWebhookDeliveries implements Pick<WebhookDeliveryRepository, 'createOnce'> {
  private readonly deliveries = new Map<string, WebhookDelivery>();

  async createOnce(delivery: WebhookDelivery): Promise<void> {
    const key = `${delivery.endpointId}#${delivery.returnId}#${delivery.sequence}`;
    if (!this.deliveries.has(key)) this.deliveries.set(key, structuredClone(delivery));
  }

  /** Every delivery, in the order they were written. */
  all(): WebhookDelivery[] {
    return [...this.deliveries.values()].map((d) => structuredClone(d));
  }
}
