import type { SecretSealer } from '../../../domain/ports.js';
import { tableNameFromEnv } from '../../adapters/dynamodb/document-client.js';
import type { ApiRoute } from '../api-routes.js';
import { idempotencyKeyOf, idempotent, type IdempotentCall } from './idempotency.js';
import { sellerEndpoint, type Endpoint, type RequestOf } from './seller-endpoint.js';

/**
 * A seller endpoint that changes something (every POST): a retry with the same Idempotency-Key gets the
 * first answer and runs nothing, scoped by the seller and the route's name. The request carries the key,
 * so ids derived from it make a re-run find its own work. An endpoint whose answer holds a secret names
 * the sealer its stored answer is sealed with (`answerSealer`; the route must be granted to open it too).
 */
export const sellerCommand = <R extends ApiRoute>(
  route: R,
  endpoint: Endpoint<R> & { answerSealer?: SecretSealer },
) => {
  let oncePerKey: ReturnType<typeof idempotent> | undefined;
  return sellerEndpoint(route, endpoint, async (request, event, context) => {
    const key = idempotencyKeyOf(event.headers);
    if (key === undefined) return endpoint.run(request);
    oncePerKey ??= idempotent(
      route.name,
      tableNameFromEnv(),
      (call) => endpoint.run((call as IdempotentCall & { request: RequestOf<R> }).request),
      endpoint.answerSealer,
    );
    const call = {
      key: `${request.sellerId}#${key}`,
      fingerprint: { path: event.path, body: request.body },
      request: { ...request, idempotencyKey: key },
    };
    return oncePerKey(call, context);
  });
};
