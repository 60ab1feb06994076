import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import * as z from '../../../domain/zod.js';
import { logger, observe, withCorrelation } from '../../shared/observability.js';
import { toProblemResponse } from './error-mapper.js';
import { HttpError } from './http-error.js';
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

export interface EndpointSpec<P, Q, B> {
  /** The route's name in infra/api-routes.ts; it also scopes idempotency records. */
  name: string;
  params?: z.ZodMiniType<P>;
  query?: z.ZodMiniType<Q>;
  /** The body's schema. `required: false` lets a POST come without a body (it then parses `{}`). */
  body?: { schema: z.ZodMiniType<B>; required: boolean };
  run(request: SellerRequest<P, Q, B>): Promise<JsonResult>;
}

/**
 * How a POST with an Idempotency-Key is run: `sellerEndpoint` passes the Powertools-backed one. Reads
 * and PUTs pass none, so their bundles carry no idempotency code.
 */
export interface KeyedPosts<P, Q, B> {
  /** The Idempotency-Key header, if sent (refusing a malformed one). */
  keyOf(headers: Record<string, string | undefined>): string | undefined;
  /** Runs a keyed request once per seller and key: a retry with the same path and body gets the first result. */
  run(request: SellerRequest<P, Q, B>, path: string, context: Context): Promise<JsonResult>;
}

const NoQuery = z.strictObject({});

const sellerIdOf = (event: APIGatewayProxyEvent): string => {
  const sellerId: unknown = event.requestContext.authorizer?.sellerId;
  if (typeof sellerId !== 'string' || sellerId === '') {
    // The authorizer guarantees this; reaching here means the route was deployed without it.
    throw new HttpError(401, 'unauthorized', 'Unauthorized', 'a valid API key is required');
  }
  return sellerId;
};

const bodyOf = <B>(event: APIGatewayProxyEvent, spec: EndpointSpec<unknown, unknown, B>['body']): B => {
  if (!spec) {
    if (event.body && event.body.trim() !== '') {
      throw new HttpError(
        400,
        'validation-error',
        'Your request is not valid',
        'this endpoint takes no body',
        [{ field: '(body)', rule: 'must be empty' }],
      );
    }
    return undefined as B;
  }
  if (!spec.required && (event.body ?? '').trim() === '') return parseWith(spec.schema, {}, undefined);
  return parseJsonBody(event, spec.schema);
};

/**
 * The edge every seller endpoint shares: logs, metrics and traces (`observe()`, with API Gateway's
 * request id as `correlation_id`), header normalisation, parsing against zod schemas, the seller scope
 * from the authorizer, and one mapping of errors to problem+json. With `keyedPosts`, a POST's
 * Idempotency-Key is honoured too (see seller-endpoint.ts).
 */
export const sellerHandler = <P = undefined, Q = Record<string, never>, B = undefined>(
  spec: EndpointSpec<P, Q, B>,
  keyedPosts?: KeyedPosts<P, Q, B>,
) => {
  const handle = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    withCorrelation(event.requestContext.requestId);
    try {
      const sellerId = sellerIdOf(event);
      logger.appendKeys({ sellerId });
      const key = event.httpMethod === 'POST' ? keyedPosts?.keyOf(event.headers) : undefined;
      const request: SellerRequest<P, Q, B> = {
        sellerId,
        correlationId: event.requestContext.requestId,
        params: spec.params ? parseWith(spec.params, event.pathParameters ?? {}, 'path') : (undefined as P),
        query: parseWith(spec.query ?? NoQuery, event.queryStringParameters ?? {}, 'query') as Q,
        body: bodyOf(event, spec.body),
        ...(key === undefined ? {} : { idempotencyKey: key }),
      };
      if (key === undefined || !keyedPosts) return toProxyResult(await spec.run(request));
      return toProxyResult(await keyedPosts.run(request, event.path, context));
    } catch (error) {
      return toProblemResponse(error);
    }
  };

  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(observe())
    .use(httpHeaderNormalizer())
    .handler(handle);
};
