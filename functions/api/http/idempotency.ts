import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyInconsistentStateError,
  IdempotencyItemNotFoundError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import type { JsonResult } from './responses.js';
import { badRequest, HttpError } from './http-error.js';
import type { SecretSealer } from '../../../domain/ports.js';
import { IdempotencyStore } from '../../adapters/dynamodb/idempotency-store.js';
import { SealedIdempotencyStore } from '../../adapters/dynamodb/sealed-idempotency-store.js';

/** What makes two POSTs "the same request": the seller's key, and the path and body it came with. */
export interface IdempotentCall {
  key: string;
  fingerprint: { path: string; body: unknown };
}

const DAY_SECONDS = 24 * 60 * 60;
/** How often a request takes up a key that another request released while this one looked it up. */
const RELEASED_KEY_ATTEMPTS = 3;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Wraps a use case so that a retry with the same Idempotency-Key returns the first result and runs nothing.
 * Records live in the main table, each under its own partition key (IdempotencyStore), one prefix per
 * route, for 24 hours. Failures are not recorded, so a request that failed may be retried with the same
 * key. With `answerSealer` (a route whose answer holds a secret) the stored answer is sealed.
 */
export const idempotent = (
  routeName: string,
  tableName: string,
  run: (call: IdempotentCall) => Promise<JsonResult>,
  answerSealer?: SecretSealer,
): ((call: IdempotentCall, context: Context) => Promise<JsonResult>) => {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'fingerprint',
    expiresAfterSeconds: DAY_SECONDS,
  });
  const persistenceStore = answerSealer
    ? new SealedIdempotencyStore(tableName, answerSealer)
    : new IdempotencyStore(tableName);
  const wrapped = makeIdempotent(run, { persistenceStore, config, keyPrefix: `route#${routeName}` });
  return async (call, context) => {
    config.registerLambdaContext(context);
    for (let attempt = 1; ; attempt++) {
      try {
        return await wrapped(call);
      } catch (error) {
        // Another request held the key, failed and released it (failures are not recorded) between this
        // one's refused claim and its read: the key is free again, so claim it anew.
        if (error instanceof IdempotencyItemNotFoundError && attempt < RELEASED_KEY_ATTEMPTS) continue;
        throw asHttpError(error);
      }
    }
  };
};

/**
 * Powertools' refusals as the problems the caller sees. Mapped here rather than in error-problems.ts, so
 * only the POST bundles, which use idempotency, carry its classes.
 */
const asHttpError = (error: unknown): unknown => {
  if (error instanceof IdempotencyValidationError) {
    return new HttpError(
      422,
      'idempotency-key-reused',
      'Idempotency key reused with a different request',
      'this Idempotency-Key was already used with another body or path; use a new key for a new request',
      [{ field: 'idempotency-key', rule: 'must not be reused for a different request' }],
    );
  }
  // Still held, or released and claimed again each time this request looked: either way it is in progress.
  if (
    error instanceof IdempotencyAlreadyInProgressError ||
    error instanceof IdempotencyItemNotFoundError ||
    error instanceof IdempotencyInconsistentStateError
  ) {
    return new HttpError(
      409,
      'idempotency-in-progress',
      'Request in progress',
      'a request with this Idempotency-Key is still being processed; retry shortly',
    );
  }
  return error;
};

/** The Idempotency-Key header, if sent; a malformed one is refused rather than ignored. */
export const idempotencyKeyOf = (headers: Record<string, string | undefined>): string | undefined => {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('the Idempotency-Key header is not valid', [
      { field: 'idempotency-key', rule: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  return key;
};
