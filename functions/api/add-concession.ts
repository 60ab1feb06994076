import { ConcessionBodySchema, ReturnIdParamsSchema } from '../../domain/api-schemas.js';
import { clock, returns } from '../shared/dependencies/data.js';
import { payments } from '../shared/dependencies/payments.js';
import { addConcession } from '../use-cases/add-concession.js';
import { sellerEndpoint } from './http/seller-endpoint.js';
import { created } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** POST /v1/returns/{id}/concessions: a goodwill credit, paid once; 201 with the concession and the return. */
export const handler = sellerEndpoint({
  name: 'AddConcession',
  params: ReturnIdParamsSchema,
  body: { schema: ConcessionBodySchema, required: true },
  run: async ({ sellerId, params, body, idempotencyKey }) => {
    const { ret, concession } = await addConcession(
      { returns, clock, payments },
      sellerId,
      params.id,
      body,
      idempotencyKey,
    );
    return created({ concession, return: toReturnView(ret) }, `/v1/returns/${ret.id}`);
  },
});
