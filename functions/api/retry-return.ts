import { ReturnIdParamsSchema } from '../../domain/api-schemas.js';
import { clock, policies, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { retryReturn } from '../use-cases/retry-return.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/retry: re-drive a return from NEEDS_ATTENTION. */
export const handler = sellerEndpoint({
  name: 'RetryReturn',
  params: ReturnIdParamsSchema,
  run: async ({ sellerId, params, correlationId }) =>
    ok(
      toReturnView(
        await retryReturn({ returns, clock, pipeline, policies }, sellerId, params.id, correlationId),
      ),
    ),
});
