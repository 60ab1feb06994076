import { ConcurrencyConflictError } from '../../../domain/errors.js';
import { checkFrozen } from '../../../domain/events/event-snapshot.js';
import type { EventOutbox, Page, ReturnRef, ReturnRepository } from '../../../domain/ports.js';
import type { Return, Status } from '../../../domain/return.js';

/** What another writer does to a stored return: the next version, as a use case would write it. */
export type OtherWriter = (stored: Return) => Return;

/** DynamoDB refuses an item over 400 KB; a return is one item. */
const ITEM_LIMIT_BYTES = 400 * 1024;

/**
 * A return as stored: its JSON, refused over DynamoDB's limit (UTF-8 JSON is a little larger than what
 * DynamoDB counts, so this is the stricter check). Reading it back parses a copy.
 */
const serialize = (ret: Return): string => {
  const json = JSON.stringify(ret);
  if (Buffer.byteLength(json) > ITEM_LIMIT_BYTES) {
    throw new Error('Item size has exceeded the maximum allowed size');
  }
  return json;
};
const parse = (json: string): Return => JSON.parse(json) as Return;

/**
 * The return repository in memory, with the same optimistic locking as the DynamoDB one: `update` writes
 * only over the version it was built on, else ConcurrencyConflictError and nothing written, and no item
 * over DynamoDB's 400 KB is written. Reads hand out copies, so a use case can never change what is stored
 * without writing it.
 *
 * It is the return item's outbox side too (EventOutbox): a drain is conditional on the version and drain
 * count it read, and an update on the drain count its outbox was read at, as on the table.
 *
 * `raceNextUpdate` plays another writer that wins a race: its change lands just before the next update's
 * version check, so that update fails as it would on the table, and the use case must read again.
 */
export class InMemoryReturnRepository implements ReturnRepository, EventOutbox {
  private readonly stored = new Map<string, { version: number; json: string }>();
  private readonly byTracking = new Map<string, { sellerId: string; id: string }>();
  private readonly racers: OtherWriter[] = [];
  /** Updates refused because another writer had written first. */
  conflicts = 0;
  /** Returns read with `get`: the round trips a use case made for its decisions. */
  reads = 0;

  constructor(returns: Return[] = []) {
    for (const ret of returns) this.write(ret);
  }

  async get(sellerId: string, id: string): Promise<Return | undefined> {
    this.reads += 1;
    const stored = this.stored.get(keyOf({ sellerId, id }));
    return stored && parse(stored.json);
  }

  async create(ret: Return): Promise<void> {
    if (this.stored.has(keyOf(ret))) throw new ConcurrencyConflictError(`return ${ret.id}`);
    this.write(ret);
  }

  async update(next: Return): Promise<void> {
    const racer = this.racers.shift();
    if (racer) this.writeAsOther(racer, next);
    const stored = this.stored.get(keyOf(next));
    const current = stored && parse(stored.json);
    const drained = current?.outbox && next.outbox && current.outbox.drains !== next.outbox.drains;
    if (!current || current.version !== next.version - 1 || drained) {
      this.conflicts += 1;
      throw new ConcurrencyConflictError(`return ${next.id}`);
    }
    this.write(next);
  }

  async list(
    sellerId: string,
    query: { status?: Status; cursor?: string; limit: number },
  ): Promise<Page<Return>> {
    const { status, cursor, limit } = query;
    const all = [...this.stored.values()]
      .map(({ json }) => parse(json))
      .filter((r) => r.sellerId === sellerId && (!status || r.status === status))
      .filter((r) => cursor === undefined || r.id < cursor)
      .sort((a, b) => b.id.localeCompare(a.id));
    const items = all.slice(0, limit);
    return all.length > limit ? { items, cursor: items.at(-1)!.id } : { items };
  }

  async findByTrackingNumber(trackingNumber: string): Promise<{ sellerId: string; id: string } | undefined> {
    const ref = this.byTracking.get(trackingNumber);
    return ref && { ...ref };
  }

  /** Every stored return, for the in-memory deadline index to look through. */
  all(): Return[] {
    return [...this.stored.values()].map(({ json }) => parse(json));
  }

  async drain(ret: Return, eventIds: readonly string[]): Promise<void> {
    const stored = this.stored.get(keyOf(ret));
    const current = stored && parse(stored.json);
    if (!current?.outbox || current.version !== ret.version || current.outbox.drains !== ret.outbox?.drains) {
      throw new ConcurrencyConflictError(`return ${ret.id}`);
    }
    const pending = current.outbox.pending.filter((event) => !eventIds.includes(event.id));
    this.write({ ...current, outbox: { ...current.outbox, drains: current.outbox.drains + 1, pending } });
  }

  async pending(before: Date, limit: number): Promise<ReturnRef[]> {
    return this.all()
      .filter((r) => r.outbox?.pending[0] && r.outbox.pending[0].occurredAt < before.toISOString())
      .slice(0, limit)
      .map(({ sellerId, id }) => ({ sellerId, id }));
  }

  async oldestPendingOf(sellerId: string): Promise<string | undefined> {
    return this.all()
      .filter((r) => r.sellerId === sellerId)
      .flatMap((r) => r.outbox?.pending.map((e) => e.occurredAt) ?? [])
      .sort()[0];
  }

  /** Another writer changes the return just before the next update is checked (and wins the race). */
  raceNextUpdate(otherWriter: OtherWriter): void {
    this.racers.push(otherWriter);
  }

  /** The return as stored now, for a test to look at. */
  latest(ret: Pick<Return, 'sellerId' | 'id'>): Return {
    const stored = this.stored.get(keyOf(ret));
    if (!stored) throw new Error(`no return ${ret.id} is stored`);
    return parse(stored.json);
  }

  private write(ret: Return): void {
    checkFrozen(ret);
    this.stored.set(keyOf(ret), { version: ret.version, json: serialize(ret) });
    if (ret.trackingNumber) this.byTracking.set(ret.trackingNumber, { sellerId: ret.sellerId, id: ret.id });
  }

  private writeAsOther(otherWriter: OtherWriter, next: Return): void {
    const current = this.stored.get(keyOf(next));
    if (!current) throw new Error(`the other writer has no return ${next.id} to change`);
    const written = otherWriter(parse(current.json));
    if (written.version !== current.version + 1) {
      throw new Error('the other writer must write the next version, as a use case would');
    }
    this.write(written);
  }
}

const keyOf = (ret: Pick<Return, 'sellerId' | 'id'>): string => `${ret.sellerId}#${ret.id}`;
