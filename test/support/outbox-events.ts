import { randomUUID } from 'node:crypto';
import type { OutboxEvent } from '../../domain/return.js';

/** `n` events of one new return, in sequence, a second apart, as its outbox would hold them. */
export const outboxEventsOf = (n: number): OutboxEvent[] => {
  const returnId = `ret-${randomUUID()}`;
  return Array.from({ length: n }, (_, i) => ({
    id: `evt_${returnId}_${String(i + 1).padStart(4, '0')}`,
    type: 'return.in_transit',
    returnId,
    version: i + 2,
    sequence: i + 1,
    occurredAt: new Date(Date.UTC(2026, 10, 9, 10, 0, i)).toISOString(),
    data: { change: {} },
  }));
};
