import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import {
  ConcurrencyConflictError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
} from '../../../domain/errors.js';
import { CurrencyMismatchError } from '../../../domain/money.js';
import { HttpError } from './http-error.js';
import { problemResponse, problemType, type Problem } from './problem.js';

const problem = (status: number, slug: string, title: string, detail: string, errors?: Problem['errors']) =>
  problemResponse({ type: problemType(slug), title, status, detail, ...(errors ? { errors } : {}) });

/**
 * Maps every error to a problem+json response, by class. Anything unexpected becomes a generic 500
 * that says nothing about internals; the caller of this function logs the error itself.
 */
export const toProblemResponse = (error: unknown): APIGatewayProxyResult & { unexpected?: true } => {
  if (error instanceof HttpError)
    return problem(error.status, error.slug, error.title, error.message, error.issues);
  if (error instanceof ValidationError) {
    return problem(422, 'unprocessable', 'The request breaks a business rule', error.message, error.issues);
  }
  if (error instanceof CurrencyMismatchError) {
    return problem(422, 'currency-mismatch', 'Currencies do not match', error.message);
  }
  if (error instanceof NotFoundError) return problem(404, 'not-found', 'Not found', error.message);
  if (error instanceof IllegalTransitionError) {
    return problem(409, 'illegal-transition', 'Not allowed in the current status', error.message, [
      { field: 'status', rule: `is ${error.from}; ${error.command} is not allowed` },
    ]);
  }
  if (error instanceof ConcurrencyConflictError)
    return problem(409, 'conflict', 'Concurrent change', error.message);
  if (error instanceof IdempotencyValidationError) {
    return problem(
      422,
      'idempotency-key-reused',
      'Idempotency key reused with a different request',
      'this Idempotency-Key was already used with another body or path; use a new key for a new request',
      [{ field: 'idempotency-key', rule: 'must not be reused for a different request' }],
    );
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return problem(
      409,
      'idempotency-in-progress',
      'Request in progress',
      'a request with this Idempotency-Key is still being processed; retry shortly',
    );
  }
  return {
    ...problem(500, 'internal', 'Internal error', 'something went wrong on our side; it has been logged'),
    unexpected: true,
  };
};
