import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';

interface ProblemResponse {
  type: ResponseType;
  /** Omitted for the catch-alls, which keep the status API Gateway chose. */
  status?: number;
  slug: string;
  title: string;
  /** A VTL expression or a JSON string literal. */
  detail: string;
}

const GATEWAY_MESSAGE = '$context.error.messageString';

/** The answers API Gateway gives by itself (before any handler runs), in the handlers' problem types. */
const PROBLEM_RESPONSES: readonly ProblemResponse[] = [
  {
    type: ResponseType.UNAUTHORIZED,
    status: 401,
    slug: 'unauthorized',
    title: 'Unauthorized',
    detail: '"a valid API key is required"',
  },
  {
    type: ResponseType.ACCESS_DENIED,
    status: 403,
    slug: 'forbidden',
    title: 'Forbidden',
    detail: GATEWAY_MESSAGE,
  },
  {
    type: ResponseType.WAF_FILTERED,
    status: 403,
    slug: 'forbidden',
    title: 'Forbidden',
    detail: '"the request was blocked by the web application firewall"',
  },
  // API Gateway answers an unknown route with "Missing Authentication Token"; to a client it is a 404.
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    slug: 'not-found',
    title: 'Not found',
    detail: '"no such route"',
  },
  {
    type: ResponseType.RESOURCE_NOT_FOUND,
    status: 404,
    slug: 'not-found',
    title: 'Not found',
    detail: GATEWAY_MESSAGE,
  },
  {
    type: ResponseType.BAD_REQUEST_PARAMETERS,
    status: 400,
    slug: 'validation-error',
    title: 'Your request is not valid',
    detail: GATEWAY_MESSAGE,
  },
  {
    type: ResponseType.BAD_REQUEST_BODY,
    status: 400,
    slug: 'validation-error',
    title: 'Your request is not valid',
    detail: GATEWAY_MESSAGE,
  },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    status: 413,
    slug: 'payload-too-large',
    title: 'Payload too large',
    detail: GATEWAY_MESSAGE,
  },
  {
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    status: 415,
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
    detail: GATEWAY_MESSAGE,
  },
  {
    type: ResponseType.THROTTLED,
    status: 429,
    slug: 'too-many-requests',
    title: 'Too many requests',
    detail: '"slow down and retry later"',
  },
  {
    type: ResponseType.QUOTA_EXCEEDED,
    status: 429,
    slug: 'too-many-requests',
    title: 'Too many requests',
    detail: '"slow down and retry later"',
  },
  {
    type: ResponseType.INTEGRATION_TIMEOUT,
    status: 504,
    slug: 'timeout',
    title: 'Timed out',
    detail: '"the request took too long; retry it with the same Idempotency-Key"',
  },
  { type: ResponseType.DEFAULT_4XX, slug: 'bad-request', title: 'Bad request', detail: GATEWAY_MESSAGE },
  // Never echo internals on a 5xx, as the handlers' error mapper does.
  {
    type: ResponseType.DEFAULT_5XX,
    slug: 'internal',
    title: 'Internal error',
    detail: '"something went wrong on our side; it has been logged"',
  },
];

const body = (p: ProblemResponse): string =>
  `{"type":"/problems/${p.slug}","title":"${p.title}",${p.status ? `"status":${p.status},` : ''}"detail":${p.detail}}`;

/** Every gateway-generated error becomes RFC 9457 problem+json, like the handlers' own errors. */
export const addProblemGatewayResponses = (api: RestApi): void => {
  for (const p of PROBLEM_RESPONSES) {
    api.addGatewayResponse(`Problem${p.type.responseType}`, {
      type: p.type,
      statusCode: p.status ? String(p.status) : undefined,
      responseHeaders: { 'Content-Type': "'application/problem+json'", 'Cache-Control': "'no-store'" },
      // Keyed by the client's Accept type; both keys carry the same body.
      templates: { 'application/json': body(p), 'application/problem+json': body(p) },
    });
  }
};
