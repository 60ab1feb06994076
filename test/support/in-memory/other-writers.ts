import { withEvents } from '../../../domain/events/derive-events.js';
import { transition, type LifecycleCommand } from '../../../domain/lifecycle.js';
import type { Actor } from '../../../domain/return.js';
import type { OtherWriter } from './return-repository.js';

/** Another writer that applies a lifecycle command, as its own use case would: with the change's events. */
export const otherWriterApplying =
  (command: LifecycleCommand, actor: Actor = { kind: 'system' }): OtherWriter =>
  (stored) =>
    withEvents(stored, transition(stored, command, { now: new Date(stored.updatedAt), actor }));

/** A pipeline run parks at one of its waits, storing its task token on the return. */
export const runParks = (
  type: 'ISSUE_LABEL' | 'AWAIT_INSPECTION' | 'COMPUTE_REFUND',
  taskToken: string,
): OtherWriter => otherWriterApplying({ type, taskToken });

/** The carrier reports the parcel on its way. */
export const carrierReportsInTransit: OtherWriter = otherWriterApplying(
  { type: 'TRACKING_EVENT', status: 'IN_TRANSIT', eventId: 'evt-1', occurredAt: '2026-11-09T10:00:00Z' },
  { kind: 'carrier', id: 'ups' },
);
