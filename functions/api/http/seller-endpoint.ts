import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { z } from 'zod';
import { logger } from '../../shared/observability.js';
import { tableNameFromEnv } from '../../adapters/dynamodb/document-client.js';
import type { ApiRoute } from '../api-routes.js';
import { badRequest, HttpError } from './http-error.js';
import { httpEdge } from './http-edge.js';
import { idempotencyKeyOf, idempotent, type IdempotentCall } from './idempotency.js';
import { parseJsonBody, parseWith } from './request-parser.js';
import { toProxyResult, type JsonResult } from './responses.js';

export interface SellerRequest<P, Q, B> {
  sellerId: string;
  /** API Gateway's request id: it follows the request into logs and pipeline runs. */
  correlationId: string;
  params: P;
  query: Q;
  body: B;
  /** The POST's Idempotency-Key, when it sent one: ids derived from it make a re-run find its own work. */
  idempotencyKey?: string;
}

/** What a route's schemas parse to; a part the route does not take is `undefined` (no query: `{}`). */
type ParamsOf<R> = R extends { params: z.ZodType<infer P> } ? P : undefined;
type QueryOf<R> = R extends { query: z.ZodType<infer Q> } ? Q : Record<string, never>;
type BodyOf<R> = R extends { body: { schema: z.ZodType<infer B> } } ? B : undefined;
export type RequestOf<R> = SellerRequest<ParamsOf<R>, QueryOf<R>, BodyOf<R>>;

const NoQuery = z.object({}).strict();

const sellerIdOf = (event: APIGatewayProxyEvent): string => {
  const sellerId: unknown = event.requestContext.authorizer?.sellerId;
  if (typeof sellerId !== 'string' || sellerId === '') {
    // The authorizer guarantees this; reaching here means the route was deployed without it.
    throw new HttpError(401, 'unauthorized', 'Unauthorized', 'a valid API key is required');
  }
  return sellerId;
};

const bodyOf = (event: APIGatewayProxyEvent, spec: ApiRoute['body']): unknown => {
  if (!spec) {
    if (event.body && event.body.trim() !== '') {
      throw badRequest('this endpoint takes no body', [{ field: '(body)', rule: 'must be empty' }]);
    }
    return undefined;
  }
  if (!spec.required && (event.body ?? '').trim() === '') return parseWith(spec.schema, {}, undefined);
  return parseJsonBody(event, spec.schema);
};

/**
 * The edge every seller endpoint shares (`httpEdge()`: observability, headers, the one error hook), with
 * the request parsed against the route's zod schemas, the seller scope from the authorizer, and
 * Idempotency-Key on POSTs, scoped by the route's name.
 */
export const sellerEndpoint = <R extends ApiRoute>(
  route: R,
  endpoint: { run(request: RequestOf<R>): Promise<JsonResult> },
) => {
  let idempotentRun: ReturnType<typeof idempotent> | undefined;

  const handle = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const sellerId = sellerIdOf(event);
    logger.appendKeys({ sellerId });
    const key = event.httpMethod === 'POST' ? idempotencyKeyOf(event.headers) : undefined;
    const request = {
      sellerId,
      correlationId: event.requestContext.requestId,
      params: route.params ? parseWith(route.params, event.pathParameters ?? {}, 'path') : undefined,
      query: parseWith(route.query ?? NoQuery, event.queryStringParameters ?? {}, 'query'),
      body: bodyOf(event, route.body),
      ...(key === undefined ? {} : { idempotencyKey: key }),
    } as RequestOf<R>;
    if (key === undefined) return toProxyResult(await endpoint.run(request));
    idempotentRun ??= idempotent(route.name, tableNameFromEnv(), (call) =>
      endpoint.run((call as IdempotentCall & { request: RequestOf<R> }).request),
    );
    const call = {
      key: `${sellerId}#${key}`,
      fingerprint: { path: event.path, body: request.body },
      request,
    };
    return toProxyResult(await idempotentRun(call, context));
  };

  return httpEdge(handle);
};
