import { IdempotencyItemAlreadyExistsError } from '@aws-lambda-powertools/idempotency';
import { IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import type { SecretSealer } from '../../../domain/ports.js';
import { IdempotencyStore } from './idempotency-store.js';

/** What a sealed record stores as its response: the answer's JSON, sealed under the record's key. */
interface SealedResponse {
  sealed: string;
}

/**
 * The idempotency store of a route whose answer holds a secret shown once (a webhook endpoint's signing
 * secret): the stored answer is sealed, so the record never holds the secret in the clear for its 24
 * hours, and a replay opens it to give the same answer. Sealed under the record's own key, so a sealed
 * answer moved onto another record does not open. Powertools hands answers to and from the table in
 * these three methods only (the third on a refused claim, with the record it found).
 */
export class SealedIdempotencyStore extends IdempotencyStore {
  constructor(
    tableName: string,
    private readonly sealer: SecretSealer,
  ) {
    super(tableName);
  }

  protected override async _updateRecord(record: IdempotencyRecord): Promise<void> {
    if (record.responseData === undefined) return super._updateRecord(record);
    const sealed: SealedResponse = {
      sealed: await this.sealer.seal(JSON.stringify(record.responseData), contextOf(record)),
    };
    // A copy: Powertools keeps the record it passed (in its cache, when that is on) with the answer open.
    return super._updateRecord(
      new IdempotencyRecord({ ...recordConfig(record), responseData: { ...sealed } }),
    );
  }

  protected override async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    return this.opened(await super._getRecord(idempotencyKey));
  }

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    try {
      await super._putRecord(record);
    } catch (error) {
      if (error instanceof IdempotencyItemAlreadyExistsError && error.existingRecord) {
        throw new IdempotencyItemAlreadyExistsError(error.message, await this.opened(error.existingRecord));
      }
      throw error;
    }
  }

  private async opened(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    const stored = record.responseData as Partial<SealedResponse> | undefined;
    if (typeof stored?.sealed !== 'string') return record;
    const answer = JSON.parse(
      await this.sealer.open(stored.sealed, contextOf(record)),
    ) as IdempotencyRecord['responseData'];
    return new IdempotencyRecord({ ...recordConfig(record), responseData: answer });
  }
}

const contextOf = (record: IdempotencyRecord): Record<string, string> => ({
  purpose: 'idempotent-answer',
  record: record.idempotencyKey,
});

const recordConfig = (record: IdempotencyRecord): ConstructorParameters<typeof IdempotencyRecord>[0] => ({
  idempotencyKey: record.idempotencyKey,
  status: record.getStatus(),
  expiryTimestamp: record.expiryTimestamp,
  inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
  payloadHash: record.payloadHash,
  ...(record.sortKey === undefined ? {} : { sortKey: record.sortKey }),
});
