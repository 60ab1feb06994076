import type { ApiRoute } from '../api-routes.js';
import { MAX_BODY_BYTES } from '../http/request-parser.js';

/**
 * The problems a route can answer whatever its use case does, from its shape: what the gateway and the
 * shared edge (authorizer, parsing, Idempotency-Key, the error hook) refuse. A route's own refusals are
 * in operations.ts.
 */
export const edgeProblems = (route: ApiRoute): Partial<Record<number, string>> => {
  const always = {
    429: 'Too many requests: API Gateway throttled the call; retry later, with backoff',
    500: 'Something went wrong on our side; nothing internal is shown, and it has been logged',
  };
  if (route.auth !== 'seller') return always;
  return {
    400: 'The request is malformed; `errors` names each field and rule',
    401: 'The API key is missing, malformed, unknown or revoked',
    ...(route.path.includes('{id}') && { 404: 'No such return for this seller' }),
    ...(route.method === 'POST' && {
      409: 'A request with this Idempotency-Key is still being processed; retry shortly',
      422: 'This Idempotency-Key was used for another body or path',
    }),
    ...(route.body && {
      413: `The body is over ${MAX_BODY_BYTES} bytes`,
      415: 'The body is not application/json',
    }),
    ...always,
  };
};
