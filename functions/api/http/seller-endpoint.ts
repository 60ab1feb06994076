import type { Context } from 'aws-lambda';
import { tableNameFromEnv } from '../../adapters/dynamodb/document-client.js';
import { idempotencyKeyOf, idempotent, type IdempotentCall } from './idempotency.js';
import type { JsonResult } from './responses.js';
import { sellerHandler, type EndpointSpec, type SellerRequest } from './seller-handler.js';

/**
 * A seller POST endpoint: the shared edge (seller-handler.ts) plus Idempotency-Key, recorded with
 * Powertools idempotency in the table. Only POST routes import this, so the bundles of the other routes
 * carry no idempotency or JMESPath code.
 */
export const sellerEndpoint = <P = undefined, Q = Record<string, never>, B = undefined>(
  spec: EndpointSpec<P, Q, B>,
) => {
  type Call = IdempotentCall & { request: SellerRequest<P, Q, B> };
  let idempotentExecute: ((call: IdempotentCall, context: Context) => Promise<JsonResult>) | undefined;
  return sellerHandler(spec, {
    keyOf: idempotencyKeyOf,
    run: (request, path, context) => {
      idempotentExecute ??= idempotent(spec.name, tableNameFromEnv(), (call) =>
        spec.run((call as Call).request),
      );
      const call: Call = {
        key: `${request.sellerId}#${request.idempotencyKey}`,
        fingerprint: { path, body: request.body },
        request,
      };
      return idempotentExecute(call, context);
    },
  });
};
