import { PaymentDeclinedError } from '../../domain/errors.js';
import { clock, returns } from '../shared/dependencies/data.js';
import { payments } from '../shared/dependencies/payments.js';
import { addConcession } from '../use-cases/add-concession.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { created } from './http/responses.js';
import { toReturnView } from './return-view.js';

/** A declined payment leaves the concession recorded as FAILED: the seller is told that nothing was paid. */
const explainDeclined = (error: unknown): never => {
  if (!(error instanceof PaymentDeclinedError)) throw error;
  throw new PaymentDeclinedError(
    `${error.message}; the concession is recorded as FAILED and nothing was paid`,
    { cause: error },
  );
};

/** POST /v1/returns/{id}/concessions: a goodwill credit, paid once; 201 with the concession and the return. */
export const handler = sellerCommand(ROUTES.AddConcession, {
  run: async ({ sellerId, params, body, idempotencyKey }) => {
    const { ret, concession } = await addConcession(
      { returns, clock, payments },
      sellerId,
      params.id,
      body,
      idempotencyKey,
    ).catch(explainDeclined);
    return created({ concession, return: toReturnView(ret) }, `/v1/returns/${ret.id}`);
  },
});
