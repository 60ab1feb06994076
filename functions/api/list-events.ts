import { clock } from '../shared/dependencies/data.js';
import { eventFeed, eventFeedSettleMs, outbox } from '../shared/dependencies/event-store.js';
import { listEvents } from '../use-cases/event-feed.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

/** GET /v1/events?after=&limit=: the seller's events in order, from where an integrator left off. */
export const handler = sellerEndpoint(ROUTES.ListEvents, {
  run: async ({ sellerId, query }) =>
    ok(await listEvents({ feed: eventFeed, outbox, clock, settleMs: eventFeedSettleMs }, sellerId, query)),
});
