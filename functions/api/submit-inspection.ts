import { clock, returns } from '../shared/dependencies/data.js';
import { inspectionQueue } from '../shared/dependencies/queue.js';
import { submitInspection } from '../use-cases/submit-inspection.js';
import { ROUTES } from './api-routes.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { accepted } from './http/responses.js';

/** POST /v1/returns/{id}/inspection: queue an inspection result; 202, as the consumer records it. */
export const handler = sellerEndpoint(ROUTES.SubmitInspection, {
  run: async ({ sellerId, params, body }) =>
    accepted({
      ...(await submitInspection({ returns, clock, inspectionQueue }, sellerId, params.id, body)),
      status: 'QUEUED',
    }),
});
