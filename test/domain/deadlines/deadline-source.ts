import type { DeadlineSource } from '../../../domain/deadlines/next-deadline.js';
import type { Status, TimelineEntry } from '../../../domain/return.js';

/** A carrier event as the lifecycle records it on the timeline. */
export const carrierEntry = (status: string, occurredAt: string, to: Status): TimelineEntry => ({
  at: occurredAt,
  type: 'TRACKING_EVENT',
  from: 'IN_TRANSIT',
  to,
  actor: { kind: 'carrier' },
  data: { eventId: `e-${status}-${occurredAt}`, status, occurredAt, ignored: false },
});

/** What the deadline engine reads, for a return requested at `requestedAt`. */
export const deadlineSource = (
  overrides: Partial<DeadlineSource> & Pick<DeadlineSource, 'marketplace' | 'status'>,
): DeadlineSource => ({
  createdAt: overrides.requestedAt ?? '2026-11-02T10:00:00.000Z',
  deliveredAt: '2026-10-30T10:00:00.000Z',
  returnless: false,
  timeline: [],
  ...overrides,
});
