import { describe, expect, it } from 'vitest';
import {
  ConcurrencyConflictError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
} from '../../../domain/errors.js';
import { CurrencyMismatchError } from '../../../domain/money.js';
import { PaymentDeclinedError } from '../../../domain/errors.js';
import { problemFor } from '../../../functions/api/http/error-problems.js';
import { httpEdge } from '../../../functions/api/http/http-edge.js';
import { HttpError } from '../../../functions/api/http/http-error.js';
import { lambdaContext, toProxyEvent } from '../../../infra/local/proxy-event.js';

const issue = { field: 'items/0/quantity', rule: 'must be at least 1' };

/** The one table every HTTP edge maps errors through: by class, and nothing internal on a 500. */
describe('errors as problems', () => {
  it.each([
    [
      new HttpError(415, 'unsupported-media-type', 'Unsupported media type', 'send JSON', [issue]),
      415,
      'unsupported-media-type',
      [issue],
    ],
    [new ValidationError('does not add up', [issue]), 422, 'unprocessable', [issue]],
    [new CurrencyMismatchError('USD', 'EUR'), 422, 'currency-mismatch', undefined],
    [new NotFoundError('return 1'), 404, 'not-found', undefined],
    [
      new IllegalTransitionError('CLOSED', 'AUTHORIZE'),
      409,
      'illegal-transition',
      [{ field: 'status', rule: 'is CLOSED; AUTHORIZE is not allowed' }],
    ],
    [new PaymentDeclinedError('card closed'), 422, 'payment-declined', undefined],
    [new ConcurrencyConflictError('return 1'), 409, 'conflict', undefined],
  ])('maps %o to %i %s', (error, status, slug, errors) => {
    const problem = problemFor(error);
    expect(problem).toMatchObject({ status, type: `/problems/${slug}` });
    expect(problem.errors).toEqual(errors);
  });

  it("shows a domain error's own words", () => {
    expect(problemFor(new NotFoundError('return 01ABC')).detail).toBe('return 01ABC was not found');
    expect(problemFor(new PaymentDeclinedError('card closed')).detail).toBe('card closed');
  });

  it('maps a subclass under its nearest listed ancestor', () => {
    class PolicyNotFoundError extends NotFoundError {}
    expect(problemFor(new PolicyNotFoundError('policy US'))).toMatchObject({
      status: 404,
      type: '/problems/not-found',
    });
  });

  it.each([
    new Error('table returns-prod-secret unreachable'),
    new TypeError('x is undefined'),
    'a string',
    undefined,
  ])('answers %o with a 500 that says nothing about it', (thrown) => {
    expect(problemFor(thrown)).toEqual({
      type: '/problems/internal',
      title: 'Internal error',
      status: 500,
      detail: 'something went wrong on our side; it has been logged',
    });
  });

  it('is the error hook of an HTTP edge: a throw becomes a problem+json answer', async () => {
    const event = toProxyEvent(
      { method: 'GET', path: '/v1/anything', query: new URLSearchParams(), headers: {}, body: '' },
      { path: '/v1/anything', pathParameters: null },
      null,
    );
    const failing = httpEdge(async () => {
      throw new Error('connection string postgres://admin:hunter2@db');
    });
    const refusing = httpEdge(async () => {
      throw new NotFoundError('return 01ABC');
    });

    const failed = await failing(event, lambdaContext('Test'));
    const refused = await refusing(event, lambdaContext('Test'));

    expect(failed.statusCode).toBe(500);
    expect(failed.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    expect(failed.body).not.toContain('hunter2');
    expect(refused.statusCode).toBe(404);
    expect(JSON.parse(refused.body)).toEqual({
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'return 01ABC was not found',
    });
  });
});
