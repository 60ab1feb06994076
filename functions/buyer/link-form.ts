import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from '../../domain/zod.js';
import { MAX_MESSAGE_LENGTH } from '../../domain/conversation.js';
import { badRequest, HttpError } from '../api/http/http-error.js';
import { readBody } from '../api/http/request-parser.js';

/**
 * What a buyer page's form posts: the link's token (bounded here, checked by readLink), and a reply's
 * text. Nothing else is taken.
 */
export const LinkFormSchema = z.strictObject({
  token: z.string().check(z.maxLength(4096)),
  body: z.optional(
    z
      .string()
      .check(z.maxLength(MAX_MESSAGE_LENGTH))
      .check(z.refine((t) => t.trim() !== '', 'must not be blank')),
  ),
});
export type LinkForm = z.infer<typeof LinkFormSchema>;

/** The form as browsers post it (application/x-www-form-urlencoded), each field once. */
export const parseLinkForm = (event: APIGatewayProxyEvent): LinkForm => {
  const type = event.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'unsupported-media-type', 'Unsupported media type', 'post the page form', [
      { field: 'content-type', rule: 'must be application/x-www-form-urlencoded' },
    ]);
  }
  const params = new URLSearchParams(readBody(event).toString('utf8'));
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length) {
    throw badRequest('a field came twice', [{ field: '(body)', rule: 'must give each field once' }]);
  }
  const form = LinkFormSchema.safeParse(Object.fromEntries(params));
  if (!form.success)
    throw badRequest('the form is not valid', [{ field: '(body)', rule: 'must be the page form' }]);
  return form.data;
};
