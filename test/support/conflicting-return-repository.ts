import type { Page, ReturnListQuery, ReturnRepository } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';

/**
 * A ReturnRepository that loses one race on purpose: just before its `nth` update, another writer
 * changes the stored return (`otherWriter` gives what it writes), so that update, made on the version
 * the use case read first, fails with ConcurrencyConflictError. A use case that decides on the latest
 * version reads again and decides anew; one that reuses its first read would write stale values.
 */
export class ConflictingReturnRepository implements ReturnRepository {
  /** Writes the other writer made. */
  interfered = 0;
  private updates = 0;

  constructor(
    private readonly inner: ReturnRepository,
    private readonly otherWriter: (current: Return) => Return,
    private readonly nth = 1,
  ) {}

  get(sellerId: string, id: string): Promise<Return | undefined> {
    return this.inner.get(sellerId, id);
  }

  create(ret: Return): Promise<void> {
    return this.inner.create(ret);
  }

  async update(next: Return): Promise<void> {
    this.updates += 1;
    if (this.updates === this.nth) {
      const current = await this.inner.get(next.sellerId, next.id);
      if (!current) throw new Error(`return ${next.id} is not stored`);
      await this.inner.update(this.otherWriter(current));
      this.interfered += 1;
    }
    return this.inner.update(next);
  }

  list(sellerId: string, query: ReturnListQuery): Promise<Page<Return>> {
    return this.inner.list(sellerId, query);
  }

  findByTrackingNumber(trackingNumber: string): Promise<{ sellerId: string; id: string } | undefined> {
    return this.inner.findByTrackingNumber(trackingNumber);
  }
}
