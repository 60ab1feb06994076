import * as z from '../zod.js';
import { eventIdField, instantField, toUtc, trackingNumberField } from './payload-fields.js';
import type { TrackingEvent } from './tracking-event.js';

/** The statuses the generic webhook takes (docs/design.md §8.4): the lifecycle's own words, less LABEL_CREATED. */
export const GENERIC_STATUSES = ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION'] as const;

/** The generic carrier's webhook body, exactly as the public contract (docs/design.md §8.4) fixes it. */
export const GenericTrackingEventSchema = z.strictObject({
  eventId: eventIdField(),
  trackingNumber: trackingNumberField(),
  status: z.enum(GENERIC_STATUSES, { message: `must be one of ${GENERIC_STATUSES.join(', ')}` }),
  occurredAt: instantField(),
});
export type GenericTrackingEvent = z.infer<typeof GenericTrackingEventSchema>;

export const normalizeGeneric = (event: GenericTrackingEvent): TrackingEvent => ({
  carrier: 'generic',
  eventId: event.eventId,
  trackingNumber: event.trackingNumber,
  status: event.status,
  occurredAt: toUtc(event.occurredAt),
});
