import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext, toProxyEvent } from '../../../infra/local/proxy-event.js';
import { mailTo } from '../support/mailbox.js';

type Handler = (event: ReturnType<typeof toProxyEvent>, context: Context) => Promise<APIGatewayProxyResult>;

export interface PageAnswer {
  status: number;
  headers: Record<string, string>;
  html: string;
}

const buyerLink = async (): Promise<Handler> =>
  ((await import('../../../functions/buyer/buyer-link.js')) as { handler: Handler }).handler;

const call = async (
  method: 'GET' | 'POST',
  query: URLSearchParams,
  body: string,
  headers: Record<string, string>,
) => {
  const handler = await buyerLink();
  const event = toProxyEvent(
    { method, path: '/v1/buyer/links', query, headers, body },
    { path: '/v1/buyer/links', pathParameters: null },
    null,
  );
  const result = await handler(event, lambdaContext(method === 'GET' ? 'BuyerLinkPage' : 'BuyerLinkAnswer'));
  return {
    status: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, string>,
    html: result.body,
  } satisfies PageAnswer;
};

/** What a browser sends when the buyer opens a link (or a mail scanner follows it). */
export const openLink = (token: string | undefined, headers: Record<string, string> = {}) =>
  call('GET', new URLSearchParams(token === undefined ? [] : [['token', token]]), '', headers);

/** What a browser posts when the buyer presses the page's button. */
export const postForm = (fields: Record<string, string> | string, headers?: Record<string, string>) =>
  call(
    'POST',
    new URLSearchParams(),
    typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
    headers ?? { 'content-type': 'application/x-www-form-urlencoded' },
  );

/** The buyer links in the mails one address got, by subject, in the order they appear. */
export const linksInMail = async (to: string, subject: RegExp): Promise<string[]> => {
  const mail = (await mailTo(to)).filter((m) => subject.test(m.subject));
  return mail.flatMap((m) =>
    [...(m.body.text ?? '').matchAll(/https?:\/\/\S+\/v1\/buyer\/links\?token=(\S+)/g)].map((match) =>
      decodeURIComponent(match[1]!),
    ),
  );
};
