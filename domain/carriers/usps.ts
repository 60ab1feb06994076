import * as z from '../zod.js';
import type { TrackingStatus } from '../lifecycle-tracking.js';
import { eventIdField, instantField, toUtc, trackingNumberField, wordsField } from './payload-fields.js';
import { derivedEventId } from './event-id.js';
import type { TrackingEvent } from './tracking-event.js';

/**
 * USPS tracking webhook, modelled on one tracking event of the USPS Tracking API: the two-character
 * `eventCode`, the event's words (`eventType`), its time and place. `eventId` is optional.
 */

/** USPS event codes and what each means for a return in transit. Codes not listed are refused. */
export const USPS_EVENT_CODES = {
  /** Manifest acknowledgement: the label exists, USPS awaits the item. */
  MA: 'LABEL_CREATED',
  /** Accept or pickup; shipment acceptance (truck manifest, passive). */
  '03': 'IN_TRANSIT',
  TM: 'IN_TRANSIT',
  PA: 'IN_TRANSIT',
  /** Arrival at unit; processed; sorting complete; departed sort facility; departed post office. */
  '07': 'IN_TRANSIT',
  '10': 'IN_TRANSIT',
  PC: 'IN_TRANSIT',
  EF: 'IN_TRANSIT',
  SF: 'IN_TRANSIT',
  OF: 'OUT_FOR_DELIVERY',
  '01': 'DELIVERED',
  /** Notice left; refused; undeliverable as addressed; missent; return to sender; no access. */
  '02': 'EXCEPTION',
  '04': 'EXCEPTION',
  '05': 'EXCEPTION',
  '08': 'EXCEPTION',
  '09': 'EXCEPTION',
  '30': 'EXCEPTION',
} as const satisfies Record<string, TrackingStatus>;
type UspsEventCode = keyof typeof USPS_EVENT_CODES;

const USPS_CODES = Object.keys(USPS_EVENT_CODES) as [UspsEventCode, ...UspsEventCode[]];

export const UspsTrackingEventSchema = z.strictObject({
  trackingNumber: trackingNumberField(),
  eventId: z.optional(eventIdField()),
  eventCode: z.enum(USPS_CODES, { message: `must be one of ${USPS_CODES.join(', ')}` }),
  /** USPS's words, e.g. "Delivered, Front Door/Porch". */
  eventType: z.optional(wordsField(200)),
  eventTimestamp: instantField(),
  eventCity: z.optional(wordsField(100)),
  eventState: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'must be a two-letter state code'))),
  eventZIP: z.optional(z.string().check(z.regex(/^\d{5}(-?\d{4})?$/, 'must be a ZIP or ZIP+4 code'))),
  eventCountry: z.optional(wordsField(100)),
});
export type UspsTrackingEvent = z.infer<typeof UspsTrackingEventSchema>;

/** Without an `eventId`, the id is derived: SHA-256 of tracking number, instant and event code. */
export const normalizeUsps = (event: UspsTrackingEvent): TrackingEvent => {
  const occurredAt = toUtc(event.eventTimestamp);
  return {
    carrier: 'usps',
    eventId: event.eventId ?? derivedEventId('usps', [event.trackingNumber, occurredAt, event.eventCode]),
    trackingNumber: event.trackingNumber,
    status: USPS_EVENT_CODES[event.eventCode],
    occurredAt,
    ...(event.eventType ? { description: event.eventType } : {}),
  };
};
