import { CancelBodySchema, ReturnIdParamsSchema } from '../../domain/api-schemas.js';
import { clock, returns, sellers, notificationLedger } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { cancelReturn } from '../use-cases/cancel-return.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { ok } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/cancel: the buyer withdrew the request (relayed by the storefront); the seller is told. */
export const handler = sellerEndpoint({
  name: 'CancelReturn',
  params: ReturnIdParamsSchema,
  body: { schema: CancelBodySchema, required: false },
  run: async ({ sellerId, params, body }) =>
    ok(
      toReturnView(
        await cancelReturn(
          { returns, sellers, mailer, notifications: notificationLedger, clock, pipeline },
          sellerId,
          params.id,
          body,
        ),
      ),
    ),
});
