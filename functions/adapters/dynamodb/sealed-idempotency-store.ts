import type { IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import type { SecretSealer } from '../../../domain/ports.js';
import { IdempotencyStore, type IdempotentAnswer } from './idempotency-store.js';

/** What a sealed record packs as its answer: the answer's JSON, sealed under the record's key. */
interface SealedAnswer {
  sealed: string;
}

/**
 * The idempotency store of a route whose answer holds a secret shown once (a webhook endpoint's signing
 * secret): the stored answer is sealed, so the record never holds the secret in the clear for its 24
 * hours, and a replay opens it to give the same answer. Sealed under the record's own key, so a sealed
 * answer moved onto another record does not open.
 */
export class SealedIdempotencyStore extends IdempotencyStore {
  constructor(
    tableName: string,
    private readonly sealer: SecretSealer,
  ) {
    super(tableName);
  }

  protected override async encode(
    answer: IdempotentAnswer,
    record: IdempotencyRecord,
  ): Promise<SealedAnswer> {
    return { sealed: await this.sealer.seal(JSON.stringify(answer), contextOf(record)) };
  }

  protected override async decode(stored: unknown, record: IdempotencyRecord): Promise<IdempotentAnswer> {
    const { sealed } = stored as SealedAnswer;
    return JSON.parse(await this.sealer.open(sealed, contextOf(record))) as IdempotentAnswer;
  }
}

const contextOf = (record: IdempotencyRecord): Record<string, string> => ({
  purpose: 'idempotent-answer',
  record: record.idempotencyKey,
});
