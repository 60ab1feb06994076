import type { NotificationLedger, NotificationRecord, SentNotification } from '../../../domain/ports.js';

/** The notification ledger in memory: a claim is held until confirmed (sent for good) or released. */
export class InMemoryNotificationLedger implements NotificationLedger {
  private readonly claimed = new Set<string>();
  private readonly confirmed = new Map<string, SentNotification | undefined>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async claim(id: string): Promise<boolean> {
    if (this.claimed.has(id) || this.confirmed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }

  async confirm(id: string, sent?: NotificationRecord): Promise<void> {
    this.claimed.delete(id);
    this.confirmed.set(id, sent && { ...sent, sentAt: this.clock().toISOString() });
  }

  async release(id: string): Promise<void> {
    this.claimed.delete(id);
  }

  async sentFor(returnId: string): Promise<SentNotification[]> {
    return [...this.confirmed]
      .filter(([id, sent]) => id.startsWith(`${returnId}#`) && sent !== undefined)
      .map(([, sent]) => sent!)
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  }
}
