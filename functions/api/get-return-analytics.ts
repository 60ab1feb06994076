import { reportRange } from '../../domain/return-analytics.js';
import { analytics, clock } from '../shared/dependencies/data.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';

/**
 * GET /v1/analytics/returns?from&to&groupBy=reason|sku|status: the seller's counters over a range of days,
 * read from the counter items alone (never a Scan, never the returns themselves).
 */
export const handler = sellerEndpoint(ROUTES.GetReturnAnalytics, {
  run: async ({ sellerId, query }) => ok(await analytics.report(sellerId, reportRange(query, clock.now()))),
});
