import {
  ConcurrencyConflictError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
} from '../../../domain/errors.js';
import { CurrencyMismatchError } from '../../../domain/money.js';
import {
  LabelVoidNotOwedError,
  NotAnswerableError,
  PaymentDeclinedError,
  RateLimitedError,
} from '../../../domain/errors.js';
import { HttpError } from './http-error.js';
import { problemType, type Problem } from './problem.js';

interface ProblemFields {
  status: number;
  slug: string;
  title: string;
  detail: string;
  errors?: Problem['errors'];
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;
type Row = readonly [ErrorClass<Error>, (error: Error) => ProblemFields];

const row = <E extends Error>(errorClass: ErrorClass<E>, toProblem: (error: E) => ProblemFields): Row => [
  errorClass,
  toProblem as (error: Error) => ProblemFields,
];

/** Error class -> problem. A subclass is looked up under its nearest listed ancestor. */
const PROBLEMS = new Map<unknown, (error: Error) => ProblemFields>([
  row(HttpError, (e) => ({
    status: e.status,
    slug: e.slug,
    title: e.title,
    detail: e.message,
    errors: e.issues,
  })),
  row(ValidationError, (e) => ({
    status: 422,
    slug: 'unprocessable',
    title: 'The request breaks a business rule',
    detail: e.message,
    errors: e.issues,
  })),
  row(CurrencyMismatchError, (e) => ({
    status: 422,
    slug: 'currency-mismatch',
    title: 'Currencies do not match',
    detail: e.message,
  })),
  row(NotFoundError, (e) => ({ status: 404, slug: 'not-found', title: 'Not found', detail: e.message })),
  row(IllegalTransitionError, (e) => ({
    status: 409,
    slug: 'illegal-transition',
    title: 'Not allowed in the current status',
    detail: e.message,
    errors: [{ field: 'status', rule: `is ${e.from}; ${e.command} is not allowed` }],
  })),
  row(PaymentDeclinedError, (e) => ({
    status: 422,
    slug: 'payment-declined',
    title: 'The payment provider declined the payment',
    detail: e.message,
  })),
  row(RateLimitedError, (e) => ({
    status: 429,
    slug: 'rate-limited',
    title: 'Too many requests',
    detail: `${e.message}; try again in ${e.retryAfterSeconds} s`,
  })),
  row(NotAnswerableError, (e) => ({
    status: e.reason === 'UNKNOWN' ? 404 : 409,
    slug: e.reason === 'UNKNOWN' ? 'not-found' : 'not-answerable',
    title: e.reason === 'UNKNOWN' ? 'Not found' : 'The offer cannot be answered',
    detail: e.message,
    errors: [{ field: 'offerId', rule: `is ${e.reason.toLowerCase()}` }],
  })),
  row(LabelVoidNotOwedError, (e) => ({
    status: 409,
    slug: 'label-void-not-owed',
    title: 'The label needs no void',
    detail: e.message,
    errors: [{ field: 'label', rule: e.reason }],
  })),
  row(ConcurrencyConflictError, (e) => ({
    status: 409,
    slug: 'conflict',
    title: 'Concurrent change',
    detail: e.message,
  })),
]);

/** Whatever is not in the table: nothing about internals reaches the caller. */
const INTERNAL: ProblemFields = {
  status: 500,
  slug: 'internal',
  title: 'Internal error',
  detail: 'something went wrong on our side; it has been logged',
};

const fieldsFor = (error: unknown): ProblemFields => {
  if (!(error instanceof Error)) return INTERNAL;
  for (let proto: object | null = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    const toProblem = PROBLEMS.get(proto.constructor);
    if (toProblem) return toProblem(error);
  }
  return INTERNAL;
};

/** The problem an error is shown to the caller as, by its class (never by its name or message). */
export const problemFor = (error: unknown): Problem => {
  const { status, slug, title, detail, errors } = fieldsFor(error);
  return { type: problemType(slug), title, status, detail, ...(errors ? { errors } : {}) };
};
