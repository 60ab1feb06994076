import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { logger, observe, withCorrelation } from '../../shared/observability.js';
import { problemFor } from './error-problems.js';
import { problemResponse } from './problem.js';

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
export type ErrorHook = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

/**
 * The one error hook of every HTTP edge: whatever was thrown is answered as problem+json, mapped by its
 * class. A refusal is logged as such; anything else is a 500 logged with everything it knows.
 */
const problemErrors = (): ErrorHook => ({
  onError: (request) => {
    const problem = problemFor(request.error);
    if (problem.status >= 500) logger.error('unexpected error', request.error as Error);
    else logger.info('request refused', { status: problem.status });
    request.response = problemResponse(problem);
  },
});

/**
 * An HTTP edge: logs, metrics and traces (`observe()`, with API Gateway's request id as
 * `correlation_id`), lower-cased headers, and `problemErrors()`. The error hook sits on an inner chain,
 * so `observe()` sees an answer, not a failure: a refusal is no fault in the traces, and the metrics are
 * flushed as after any answer. The inner chain leaves the early time-out to the outer one. The buyer
 * pages bring their own hook (pages, not problem+json: functions/buyer/page-edge.ts).
 */
export const httpEdge = (handler: ProxyHandler, errors: ErrorHook = problemErrors()) =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(observe())
    .use(httpHeaderNormalizer())
    .handler(
      middy<APIGatewayProxyEvent, APIGatewayProxyResult>({ timeoutEarlyInMillis: 0 })
        .use(errors)
        .handler((event, context) => {
          withCorrelation(event.requestContext.requestId);
          return handler(event, context);
        }),
    );
