import type { ReminderLead } from '../../../domain/deadlines/reminder.js';
import { sweepWakeAt } from '../../../domain/deadlines/sweep-decision.js';
import type { DeadlineSweepIndex, ReturnRef } from '../../../domain/ports.js';
import type { InMemoryReturnRepository } from './return-repository.js';

/**
 * The deadline index in memory: every stored return whose sweep time has come, as the DynamoDB index
 * keys it (its hours do not matter here); it remembers the hours it was told are swept.
 */
export class InMemoryDeadlineSweepIndex implements DeadlineSweepIndex {
  readonly swept: string[] = [];

  constructor(
    private readonly returns: InMemoryReturnRepository,
    private readonly lead: ReminderLead,
  ) {}

  async due(now: Date): Promise<{ refs: ReturnRef[]; nextHour: string }> {
    const refs = this.returns
      .all()
      .filter((r) => (sweepWakeAt(r, this.lead)?.getTime() ?? Infinity) <= now.getTime())
      .map(({ sellerId, id }) => ({ sellerId, id }));
    return { refs, nextHour: now.toISOString().slice(0, 13) };
  }

  async sweptUntil(hour: string): Promise<void> {
    this.swept.push(hour);
  }
}
