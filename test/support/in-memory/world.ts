import type { CarrierPort, LabelProviders, Seller } from '../../../domain/ports.js';
import type { Return } from '../../../domain/return.js';
import { InMemoryCarrier } from './carrier.js';
import { InMemoryConnectionRepository } from './connection-repository.js';
import { InMemoryLinkSigner } from './link-signer.js';
import { FixedClock } from './clock.js';
import { InMemoryMailer } from './mailer.js';
import { InMemoryNotificationLedger } from './notification-ledger.js';
import { InMemoryPayments } from './payments.js';
import { InMemoryPipeline } from './pipeline.js';
import { InMemoryPolicyRepository } from './policy-repository.js';
import { InMemoryReturnRepository } from './return-repository.js';
import { InMemorySellerRepository } from './seller-repository.js';

export const TEST_SELLER: Seller = {
  sellerId: 'seller-1',
  name: 'Acme Outlet',
  email: 'returns@acme.example',
  locale: 'en-US',
  status: 'ACTIVE',
  createdAt: '2026-01-01T00:00:00Z',
};

/**
 * Every port a use case may need, in memory, holding these returns and the test seller: pass it whole
 * as a use case's deps, then look at what it holds.
 */
export const inMemoryWorld = (returns: Return[] = []) => {
  const carrier = new InMemoryCarrier();
  return {
    returns: new InMemoryReturnRepository(returns),
    sellers: new InMemorySellerRepository([TEST_SELLER]),
    policies: new InMemoryPolicyRepository(),
    clock: new FixedClock(),
    pipeline: new InMemoryPipeline(),
    mailer: new InMemoryMailer(),
    notifications: new InMemoryNotificationLedger(),
    payments: new InMemoryPayments(),
    carrier,
    connections: new InMemoryConnectionRepository(),
    links: new InMemoryLinkSigner(),
    /** Where the buyer links in the conversation's mails point (PUBLIC_API_URL). */
    baseUrl: 'https://api.returns.example',
    /** Every seller's labels come from `carrier`; a test may swap in another provider. */
    labels: { forSeller: async (): Promise<CarrierPort> => carrier } as LabelProviders,
  };
};
export type InMemoryWorld = ReturnType<typeof inMemoryWorld>;
