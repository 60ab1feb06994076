import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  ConcurrencyConflictError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
} from '../../../domain/errors.js';
import { CurrencyMismatchError } from '../../../domain/money.js';
import { PaymentDeclinedError } from '../../../domain/payment-port.js';
import { HttpError } from './http-error.js';
import { logger } from '../../shared/observability.js';
import { problemResponse, problemType, type Problem } from './problem.js';

const problem = (status: number, slug: string, title: string, detail: string, errors?: Problem['errors']) =>
  problemResponse({ type: problemType(slug), title, status, detail, ...(errors ? { errors } : {}) });

/**
 * Maps every error to a problem+json response, by class. Anything unexpected becomes a generic 500
 * that says nothing about internals, and is logged with everything it knows.
 */
export const toProblemResponse = (error: unknown): APIGatewayProxyResult => {
  const response = classify(error);
  if (response.statusCode >= 500) logger.error('unexpected error', error as Error);
  else logger.info('request refused', { status: response.statusCode });
  return response;
};

const classify = (error: unknown): APIGatewayProxyResult => {
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
  if (error instanceof PaymentDeclinedError) {
    return problem(
      422,
      'payment-declined',
      'The payment provider declined the payment',
      `${error.message}; the concession is recorded as FAILED and nothing was paid`,
    );
  }
  if (error instanceof ConcurrencyConflictError)
    return problem(409, 'conflict', 'Concurrent change', error.message);
  return problem(500, 'internal', 'Internal error', 'something went wrong on our side; it has been logged');
};
