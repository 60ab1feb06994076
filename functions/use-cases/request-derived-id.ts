import { createHash } from 'node:crypto';
import { ulid } from 'ulid';

/**
 * The id of something a seller's request adds to a return (a concession, a message, an offer): from
 * the request's Idempotency-Key when there is one, so a request re-run after a crash finds its own
 * record and does its work once; a new one otherwise (two requests without a key are two records).
 */
export const requestDerivedId = (
  sellerId: string,
  returnId: string,
  kind: string,
  idempotencyKey: string | undefined,
): string => {
  const suffix = idempotencyKey
    ? createHash('sha256').update(`${sellerId}\n${idempotencyKey}`).digest('hex').slice(0, 26)
    : ulid();
  return `${returnId}-${kind}-${suffix}`;
};
