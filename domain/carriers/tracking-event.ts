import * as z from '../zod.js';
import { TRACKING_STATUSES } from '../lifecycle-tracking.js';
import type { Return } from '../return.js';
import { CarrierSchema } from './carriers.js';

/**
 * One carrier event, whatever the carrier's own webhook looked like: the single shape the rest of the
 * system sees. Each carrier module maps its payload onto it with a pure `normalize`.
 */
export const TrackingEventSchema = z.strictObject({
  carrier: CarrierSchema,
  /** The carrier's id for this event, or one derived from the event's content (see derivedEventId). */
  eventId: z.string().check(z.minLength(1)).check(z.maxLength(128)),
  trackingNumber: z.string().check(z.minLength(1)),
  status: z.enum(TRACKING_STATUSES),
  /** When the carrier saw it happen, as an ISO 8601 instant in UTC. */
  occurredAt: z.iso.datetime(),
  /** The carrier's words for it, e.g. "Origin Scan". */
  description: z.optional(z.string()),
});
export type TrackingEvent = z.infer<typeof TrackingEventSchema>;

/** True when the return's timeline already holds this carrier event: a resend, to change nothing. */
export const hasSeenTrackingEvent = (ret: Pick<Return, 'timeline'>, eventId: string): boolean =>
  ret.timeline.some((entry) => entry.type === 'TRACKING_EVENT' && entry.data?.eventId === eventId);
