import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from '../../../domain/zod.js';
import { badRequest, HttpError } from './http-error.js';
import { toFieldIssues } from './zod-issues.js';

export const MAX_BODY_BYTES = 256 * 1024;

const isJsonContentType = (value: string | undefined): boolean =>
  value !== undefined && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(value.trim());

/**
 * The JSON body, checked in the order a caller would fix things: size, content type, syntax, then the
 * schema. Headers are already lower-cased by the header normalizer.
 */
export const parseJsonBody = <S extends z.ZodMiniType>(
  event: APIGatewayProxyEvent,
  schema: S,
): z.infer<S> => {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new HttpError(
      413,
      'body-too-large',
      'Request body too large',
      `the body must be at most ${MAX_BODY_BYTES} bytes`,
      [{ field: '(body)', rule: `must be at most ${MAX_BODY_BYTES} bytes` }],
    );
  }
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
