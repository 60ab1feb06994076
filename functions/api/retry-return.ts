import { clock, policies, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { retryReturn } from '../use-cases/retry-return.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/retry: re-drive a return from NEEDS_ATTENTION. */
export const handler = sellerCommand(ROUTES.RetryReturn, {
  run: async ({ sellerId, params, correlationId }) =>
    ok(
      toReturnView(
        await retryReturn({ returns, clock, pipeline, policies }, sellerId, params.id, correlationId),
      ),
    ),
});
