import { PartlyWrittenError } from '../../../domain/errors.js';
import type { EventFeed } from '../../../domain/ports.js';
import type { OutboxEvent } from '../../../domain/return.js';

/**
 * A seller's event feed in memory: one entry per seller and event, a put again replacing it (as the
 * table's unconditional put does), every put call counted. It can refuse events, as a throttled batch.
 */
export class InMemoryEventFeed implements Pick<EventFeed, 'put'> {
  private readonly items = new Map<string, OutboxEvent>();
  /** Ids of events the store does not take: a put stops there, the ones before it written. */
  readonly refusing = new Set<string>();
  calls = 0;

  async put(sellerId: string, events: readonly OutboxEvent[]): Promise<void> {
    this.calls += 1;
    for (const [written, event] of events.entries()) {
      if (this.refusing.has(event.id)) throw new PartlyWrittenError(written, `${event.id} was throttled`);
      this.items.set(`${sellerId}#${event.id}`, structuredClone(event));
    }
  }

  /** A seller's events in the feed, in sequence order. */
  of(sellerId: string): OutboxEvent[] {
    return [...this.items.entries()]
      .filter(([key]) => key.startsWith(`${sellerId}#`))
      .map(([, event]) => event)
      .sort((a, b) => a.sequence - b.sequence);
  }
}
