import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from '../../../domain/zod.js';
import { badRequest, HttpError } from './http-error.js';
import { toFieldIssues } from './zod-issues.js';
import { PROTOTYPE_KEY_RULE, prototypeKeyPaths } from '../../../domain/prototype-keys.js';

export const MAX_BODY_BYTES = 256 * 1024;

const isJsonContentType = (value: string | undefined): boolean =>
  value !== undefined && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(value.trim());

/** The body's bytes as sent (the webhook signature covers these), refused over the product's limit. */
export const readBody = (event: APIGatewayProxyEvent): Buffer => {
  const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.length <= MAX_BODY_BYTES) return raw;
  throw new HttpError(
    413,
    'body-too-large',
    'Request body too large',
    `the body must be at most ${MAX_BODY_BYTES} bytes`,
    [{ field: '(body)', rule: `must be at most ${MAX_BODY_BYTES} bytes` }],
  );
};

/**
 * The JSON body, checked in the order a caller would fix things: size, content type, syntax, keys named
 * like Object.prototype's members, then the schema. Headers are already lower-cased by the header normalizer.
 */
export const parseJsonBody = <S extends z.ZodMiniType>(
  event: APIGatewayProxyEvent,
  schema: S,
): z.infer<S> => {
  const raw = readBody(event);
  // A text body is parsed as given, so nothing in it is re-encoded on the way.
  const text = event.isBase64Encoded ? raw.toString('utf8') : (event.body ?? '');
  if (text.trim() === '') {
    throw badRequest('the request needs a JSON body', [{ field: '(body)', rule: 'must not be empty' }]);
  }
  if (!isJsonContentType(event.headers['content-type'])) {
    throw new HttpError(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'send the body as application/json',
      [{ field: 'content-type', rule: 'must be application/json' }],
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('the body is not valid JSON', [{ field: '(body)', rule: 'must be valid JSON' }]);
  }
  // Before the schema, which would drop a `__proto__` key of a record silently.
  const prototypeKeys = prototypeKeyPaths(json);
  if (prototypeKeys.length > 0) {
    throw badRequest(
      'some keys are named like members of Object.prototype; see errors',
      prototypeKeys.map((field) => ({ field, rule: PROTOTYPE_KEY_RULE })),
    );
  }
  return parseWith(schema, json, undefined);
};

/** Path or query parameters against their schema; issues are reported under `root` (e.g. `query`). */
export const parseWith = <S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  root: string | undefined,
): z.infer<S> => {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) {
    throw badRequest('some fields are not valid; see errors', toFieldIssues(result.error, root));
  }
  return result.data;
};
