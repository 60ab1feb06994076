import type { NotificationLedger } from '../../../domain/ports.js';

/** The notification ledger in memory: a claim is held until confirmed (sent for good) or released. */
export class InMemoryNotificationLedger implements NotificationLedger {
  private readonly claimed = new Set<string>();
  private readonly confirmed = new Set<string>();

  async claim(id: string): Promise<boolean> {
    if (this.claimed.has(id) || this.confirmed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }

  async confirm(id: string): Promise<void> {
    this.claimed.delete(id);
    this.confirmed.add(id);
  }

  async release(id: string): Promise<void> {
    this.claimed.delete(id);
  }
}
