import { renderNotification } from '../../domain/notifications/render.js';
import type { SellerRepository } from '../../domain/ports.js';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.js';
import { notifyOnce, type NotifyDeps } from './notify-once.js';

/**
 * Tells the seller an endpoint was disabled, once per disabling (the ledger is keyed by the endpoint and
 * the moment it was disabled), in the seller's language.
 */
export const mailEndpointDisabled =
  (deps: NotifyDeps & { sellers: Pick<SellerRepository, 'get'> }) =>
  async (endpoint: WebhookEndpoint, why: string): Promise<void> => {
    const seller = await deps.sellers.get(endpoint.sellerId);
    if (!seller) return;
    const mail = renderNotification(
      { kind: 'WEBHOOK_ENDPOINT_DISABLED', endpointId: endpoint.id, url: endpoint.url, reason: why },
      seller.locale,
    );
    await notifyOnce(deps, { id: `${endpoint.id}@${endpoint.updatedAt}` }, 'WEBHOOK_ENDPOINT_DISABLED', {
      to: seller.email,
      ...mail,
    });
  };
