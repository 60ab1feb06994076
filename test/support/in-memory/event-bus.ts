import type { EventBus } from '../../../domain/ports.js';
import type { OutboxEvent } from '../../../domain/return.js';

/** The region's bus in memory: every event put, in order, with its seller; at least once, as EventBridge. */
export class InMemoryEventBus implements EventBus {
  readonly entries: { sellerId: string; event: OutboxEvent }[] = [];

  async put(sellerId: string, events: readonly OutboxEvent[]): Promise<void> {
    this.entries.push(...events.map((event) => ({ sellerId, event: structuredClone(event) })));
  }
}
