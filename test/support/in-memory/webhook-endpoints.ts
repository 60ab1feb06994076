import type { WebhookEndpointRepository } from '../../../domain/ports.js';
import type { WebhookEndpoint } from '../../../domain/webhooks/webhook-endpoint.js';

/** Sellers' webhook endpoints in memory, by seller and id, in the order they were created. */
export class InMemoryWebhookEndpointRepository implements WebhookEndpointRepository {
  private readonly endpoints = new Map<string, WebhookEndpoint>();

  async get(sellerId: string, id: string): Promise<WebhookEndpoint | undefined> {
    const endpoint = this.endpoints.get(`${sellerId}#${id}`);
    return endpoint && structuredClone(endpoint);
  }

  async list(sellerId: string): Promise<WebhookEndpoint[]> {
    return [...this.endpoints.values()].filter((e) => e.sellerId === sellerId).map((e) => structuredClone(e));
  }

  async put(endpoint: WebhookEndpoint): Promise<void> {
    this.endpoints.set(`${endpoint.sellerId}#${endpoint.id}`, structuredClone(endpoint));
  }

  async delete(sellerId: string, id: string): Promise<boolean> {
    return this.endpoints.delete(`${sellerId}#${id}`);
  }
}
