import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import {
  ConcurrencyConflictError,
  IllegalTransitionError,
  NotAnswerableError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
  type NotAnswerableReason,
} from '../../domain/errors.js';
import { HttpError } from '../api/http/http-error.js';
import { httpEdge, type ErrorHook } from '../api/http/http-edge.js';
import { logger } from '../shared/observability.js';
import { BadLinkError } from '../use-cases/link-tokens.js';
import { PAGE_HEADERS, renderPage, type Page } from './buyer-page.js';
import { errorPage, type PageError } from './link-pages.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** A refusal once the link's return is known: its page is in the buyer's language, not the browser's. */
export class InBuyersLanguage extends Error {
  constructor(
    readonly refusal: unknown,
    readonly locale: string | undefined,
  ) {
    super('refused in the buyer language');
  }
}

/** Runs `work` for a return, its refusals shown in the return's buyer's language. */
export const inBuyersLanguage = async <T>(locale: string | undefined, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw new InBuyersLanguage(error, locale);
  }
};

const NOT_ANSWERABLE: Record<NotAnswerableReason, [number, PageError]> = {
  EXPIRED: [410, 'expired'],
  ANSWERED: [409, 'answered'],
  WITHDRAWN: [410, 'withdrawn'],
  USED: [409, 'used'],
  UNKNOWN: [404, 'invalid'],
};

/** Error class -> status and the words of its page, looked up under the nearest listed ancestor. */
const PAGE_ERRORS = new Map<unknown, (error: Error) => [number, PageError]>([
  [BadLinkError, (e) => ((e as BadLinkError).reason === 'expired' ? [410, 'expired'] : [403, 'invalid'])],
  [NotAnswerableError, (e) => NOT_ANSWERABLE[(e as NotAnswerableError).reason]],
  [IllegalTransitionError, () => [409, 'notNow']],
  [RateLimitedError, () => [429, 'busy']],
  [ConcurrencyConflictError, () => [409, 'busy']],
  [ValidationError, () => [422, 'badInput']],
  // A malformed form (HttpError from the form parser), a body too large.
  [HttpError, (e) => [(e as HttpError).status, 'badInput']],
  [NotFoundError, () => [404, 'invalid']],
] satisfies [ErrorClass, (error: Error) => [number, PageError]][]);

const pageErrorOf = (error: unknown): [number, PageError] | undefined => {
  if (!(error instanceof Error)) return undefined;
  for (let proto: object | null = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    const toPage = PAGE_ERRORS.get(proto.constructor);
    if (toPage) return toPage(error);
  }
  return undefined;
};

/** The buyer's browser's first language, for a page shown before the return (and its locale) is known. */
const browserLocale = (event: APIGatewayProxyEvent): string | undefined =>
  event.headers?.['accept-language']?.split(',')[0]?.split(';')[0]?.trim() || undefined;

export const pageResult = (status: number, page: Page): APIGatewayProxyResult => ({
  statusCode: status,
  headers: PAGE_HEADERS,
  body: renderPage(page),
});

/**
 * The buyer pages' one error hook: whatever was thrown becomes a clear page in the buyer's language
 * with a 4xx, by its class (the link's words never say more than "not valid", "expired", "used"); an
 * unexpected error is a plain 500 page, logged, with nothing of its internals.
 */
const pageErrors = (): ErrorHook => ({
  onError: (request) => {
    const wrapped = request.error instanceof InBuyersLanguage ? request.error : undefined;
    const error = wrapped ? wrapped.refusal : request.error;
    const known = pageErrorOf(error);
    if (!known) logger.error('unexpected error on a buyer page', error as Error);
    else logger.info('buyer link refused', { status: known[0], reason: known[1] });
    const [status, words] = known ?? [500, 'invalid'];
    const locale = wrapped ? wrapped.locale : browserLocale(request.event);
    request.response = pageResult(status, errorPage(locale, words));
  },
});

type PageHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** As every HTTP edge (http-edge.ts), with pages for errors instead of problem+json. */
export const pageEdge = (handler: PageHandler) => httpEdge(handler, pageErrors());
