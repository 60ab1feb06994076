import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

export interface IncomingRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const firstOf = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[value.length - 1] : value;

/** An HTTP request as API Gateway's REST proxy integration hands it to Lambda (payload format 1.0). */
export const toProxyEvent = (
  request: IncomingRequest,
  route: { path: string; pathParameters: Record<string, string> | null },
  authorizer: Record<string, string> | null,
): APIGatewayProxyEvent => {
  // Null-prototype maps: a caller's `__proto__` or `constructor`, as a header or a query name, is a name
  // like any other, never a lookup through a prototype chain.
  const headers: Record<string, string> = Object.create(null);
  const multiValueHeaders: Record<string, string[]> = Object.create(null);
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = firstOf(value)!;
    multiValueHeaders[name] = Array.isArray(value) ? value : [value];
  }
  const query: Record<string, string> = Object.create(null);
  const multiValueQuery: Record<string, string[]> = Object.create(null);
  for (const [name, value] of request.query) {
    query[name] = value;
    (multiValueQuery[name] ??= []).push(value);
  }
  const requestId = randomUUID();
  return {
    httpMethod: request.method,
    path: request.path,
    resource: route.path,
    headers,
    multiValueHeaders,
    queryStringParameters: request.query.size > 0 ? query : null,
    multiValueQueryStringParameters: request.query.size > 0 ? multiValueQuery : null,
    pathParameters: route.pathParameters,
    stageVariables: null,
    body: request.body === '' ? null : request.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: authorizer ? { ...authorizer, principalId: authorizer.sellerId } : null,
      httpMethod: request.method,
      identity: { sourceIp: '127.0.0.1' } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/local${request.path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: route.path,
      stage: 'local',
    },
  };
};

/** Enough of a Lambda context for Powertools (function name, request id, remaining time). */
export const lambdaContext = (functionName: string, timeoutMs = 30_000): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
