import { clock, policies, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { authorizeReturn } from '../use-cases/authorize-return.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/authorize: the seller accepts the request, optionally as a returnless refund. */
export const handler = sellerCommand(ROUTES.AuthorizeReturn, {
  run: async ({ sellerId, params, body, correlationId }) =>
    ok(
      toReturnView(
        await authorizeReturn(
          { returns, clock, pipeline, policies },
          sellerId,
          params.id,
          body,
          correlationId,
        ),
      ),
    ),
});
