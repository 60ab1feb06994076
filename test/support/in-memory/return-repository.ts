import { ConcurrencyConflictError } from '../../../domain/errors.js';
import type { EventOutbox, Page, ReturnRef, ReturnRepository } from '../../../domain/ports.js';
import type { Return, Status } from '../../../domain/return.js';

/** What another writer does to a stored return: the next version, as a use case would write it. */
export type OtherWriter = (stored: Return) => Return;

/**
 * The return repository in memory, with the same optimistic locking as the DynamoDB one: `update` writes
 * only over the version it was built on, else ConcurrencyConflictError and nothing written. Reads hand out
 * copies, so a use case can never change what is stored without writing it.
 *
 * It is the return item's outbox side too (EventOutbox): a drain is conditional on the version and drain
 * count it read, and an update on the drain count its outbox was read at, as on the table.
 *
 * `raceNextUpdate` plays another writer that wins a race: its change lands just before the next update's
 * version check, so that update fails as it would on the table, and the use case must read again.
 */
export class InMemoryReturnRepository implements ReturnRepository, EventOutbox {
  private readonly stored = new Map<string, Return>();
  private readonly racers: OtherWriter[] = [];
  /** Updates refused because another writer had written first. */
  conflicts = 0;

  constructor(returns: Return[] = []) {
    for (const ret of returns) this.stored.set(keyOf(ret), structuredClone(ret));
  }

  async get(sellerId: string, id: string): Promise<Return | undefined> {
    const ret = this.stored.get(keyOf({ sellerId, id }));
    return ret && structuredClone(ret);
  }

  async create(ret: Return): Promise<void> {
    if (this.stored.has(keyOf(ret))) throw new ConcurrencyConflictError(`return ${ret.id}`);
    this.stored.set(keyOf(ret), structuredClone(ret));
  }

  async update(next: Return): Promise<void> {
    const racer = this.racers.shift();
    if (racer) this.writeAsOther(racer, next);
    const current = this.stored.get(keyOf(next));
    const drained = current?.outbox && next.outbox && current.outbox.drains !== next.outbox.drains;
    if (!current || current.version !== next.version - 1 || drained) {
      this.conflicts += 1;
      throw new ConcurrencyConflictError(`return ${next.id}`);
    }
    this.stored.set(keyOf(next), structuredClone(next));
  }

  async list(
    sellerId: string,
    query: { status?: Status; cursor?: string; limit: number },
  ): Promise<Page<Return>> {
    const { status, cursor, limit } = query;
    const all = [...this.stored.values()]
      .filter((r) => r.sellerId === sellerId && (!status || r.status === status))
      .filter((r) => cursor === undefined || r.id < cursor)
      .sort((a, b) => b.id.localeCompare(a.id));
    const items = all.slice(0, limit).map((r) => structuredClone(r));
    return all.length > limit ? { items, cursor: items.at(-1)!.id } : { items };
  }

  async findByTrackingNumber(trackingNumber: string): Promise<Return | undefined> {
    const ret = [...this.stored.values()].find((r) => r.trackingNumber === trackingNumber);
    return ret && structuredClone(ret);
  }

  async drain(ret: Return, eventIds: readonly string[]): Promise<void> {
    const current = this.stored.get(keyOf(ret));
    if (!current?.outbox || current.version !== ret.version || current.outbox.drains !== ret.outbox?.drains) {
      throw new ConcurrencyConflictError(`return ${ret.id}`);
    }
    const pending = current.outbox.pending.filter((event) => !eventIds.includes(event.id));
    this.stored.set(keyOf(ret), {
      ...current,
      outbox: { ...current.outbox, drains: current.outbox.drains + 1, pending },
    });
  }

  async pending(before: Date, limit: number): Promise<ReturnRef[]> {
    return [...this.stored.values()]
      .filter((r) => r.outbox?.pending[0] && r.outbox.pending[0].occurredAt < before.toISOString())
      .slice(0, limit)
      .map(({ sellerId, id }) => ({ sellerId, id }));
  }

  /** Another writer changes the return just before the next update is checked (and wins the race). */
  raceNextUpdate(otherWriter: OtherWriter): void {
    this.racers.push(otherWriter);
  }

  /** The return as stored now, for a test to look at. */
  latest(ret: Pick<Return, 'sellerId' | 'id'>): Return {
    const stored = this.stored.get(keyOf(ret));
    if (!stored) throw new Error(`no return ${ret.id} is stored`);
    return structuredClone(stored);
  }

  private writeAsOther(otherWriter: OtherWriter, next: Return): void {
    const current = this.stored.get(keyOf(next));
    if (!current) throw new Error(`the other writer has no return ${next.id} to change`);
    const written = otherWriter(structuredClone(current));
    if (written.version !== current.version + 1) {
      throw new Error('the other writer must write the next version, as a use case would');
    }
    this.stored.set(keyOf(written), structuredClone(written));
  }
}

const keyOf = (ret: Pick<Return, 'sellerId' | 'id'>): string => `${ret.sellerId}#${ret.id}`;
