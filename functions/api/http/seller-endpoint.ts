import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import * as z from '../../../domain/zod.js';
import { logger } from '../../shared/observability.js';
import type { ApiRoute } from '../api-routes.js';
import { apiBaseUrlOf } from './base-url.js';
import { badRequest, HttpError } from './http-error.js';
import { httpEdge } from './http-edge.js';
import { parseJsonBody, parseWith } from './request-parser.js';
import { toProxyResult, type JsonResult } from './responses.js';

export interface SellerRequest<P, Q, B> {
  sellerId: string;
  /** API Gateway's request id: it follows the request into logs and pipeline runs. */
  correlationId: string;
  params: P;
  query: Q;
  body: B;
  /** Where the caller reached the API, e.g. `https://api.example.com/prod` (base-url.ts). */
  baseUrl: string;
  /** The POST's Idempotency-Key, when it sent one: ids derived from it make a re-run find its own work. */
  idempotencyKey?: string;
}

/** What a route's schemas parse to; a part the route does not take is `undefined` (no query: `{}`). */
type ParamsOf<R> = R extends { params: z.ZodMiniType<infer P> } ? P : undefined;
type QueryOf<R> = R extends { query: z.ZodMiniType<infer Q> } ? Q : Record<string, never>;
type BodyOf<R> = R extends { body: { schema: z.ZodMiniType<infer B> } } ? B : undefined;
export type RequestOf<R> = SellerRequest<ParamsOf<R>, QueryOf<R>, BodyOf<R>>;

const NoQuery = z.strictObject({});

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

export interface Endpoint<R> {
  run(request: RequestOf<R>): Promise<JsonResult>;
}

/** How a route runs a parsed request: as it is, or once per Idempotency-Key (seller-command.ts). */
export type RequestRunner<R> = (
  request: RequestOf<R>,
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<JsonResult>;

/**
 * The edge every seller endpoint shares (`httpEdge()`: observability, headers, the one error hook), with
 * the request parsed against the route's zod schemas and the seller scope from the authorizer. POSTs go
 * through sellerCommand instead, which adds Idempotency-Key, so only their bundles carry idempotency.
 */
export const sellerEndpoint = <R extends ApiRoute>(
  route: R,
  endpoint: Endpoint<R>,
  runner?: RequestRunner<R>,
) => {
  // A POST without its Idempotency-Key would answer a retry by doing the work twice.
  if (route.method === 'POST' && !runner)
    throw new Error(`${route.name} is a POST: build it with sellerCommand`);
  const run: RequestRunner<R> = runner ?? ((request) => endpoint.run(request));
  const handle = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const sellerId = sellerIdOf(event);
    logger.appendKeys({ sellerId });
    const request = {
      sellerId,
      correlationId: event.requestContext.requestId,
      baseUrl: apiBaseUrlOf(event),
      params: route.params ? parseWith(route.params, event.pathParameters ?? {}, 'path') : undefined,
      query: parseWith(route.query ?? NoQuery, event.queryStringParameters ?? {}, 'query'),
      body: bodyOf(event, route.body),
    } as RequestOf<R>;
    return toProxyResult(await run(request, event, context));
  };

  return httpEdge(handle);
};
