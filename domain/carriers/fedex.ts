import * as z from '../zod.js';
import { CountryCodeSchema } from '../country-code.js';
import type { TrackingStatus } from '../lifecycle-tracking.js';
import { eventIdField, instantField, toUtc, trackingNumberField, wordsField } from './payload-fields.js';
import { derivedEventId } from './event-id.js';
import type { TrackingEvent } from './tracking-event.js';

/**
 * FedEx tracking webhook, modelled on one scan event of FedEx's track notifications: the two-letter
 * `eventType` scan code, the scan's time with its offset, and its location. `scanEventId` is optional.
 */

/** FedEx scan event codes (`eventType`) and what each means for a return in transit. */
export const FEDEX_EVENT_TYPES = {
  /** Shipment information sent to FedEx: the label exists. */
  OC: 'LABEL_CREATED',
  PU: 'IN_TRANSIT',
  /** Arrived at / at / departed a FedEx location. */
  AR: 'IN_TRANSIT',
  AF: 'IN_TRANSIT',
  DP: 'IN_TRANSIT',
  IT: 'IN_TRANSIT',
  /** On FedEx vehicle for delivery. */
  OD: 'OUT_FOR_DELIVERY',
  DL: 'DELIVERED',
  /** Delivery exception, shipment exception, clearance delay, delay, returned to shipper, cancelled. */
  DE: 'EXCEPTION',
  SE: 'EXCEPTION',
  CD: 'EXCEPTION',
  DY: 'EXCEPTION',
  RS: 'EXCEPTION',
  CA: 'EXCEPTION',
} as const satisfies Record<string, TrackingStatus>;
type FedexEventType = keyof typeof FEDEX_EVENT_TYPES;

const FEDEX_TYPES = Object.keys(FEDEX_EVENT_TYPES) as [FedexEventType, ...FedexEventType[]];

export const FedexTrackingEventSchema = z.strictObject({
  trackingNumber: trackingNumberField(),
  scanEventId: z.optional(eventIdField()),
  eventType: z.enum(FEDEX_TYPES, { message: `must be one of ${FEDEX_TYPES.join(', ')}` }),
  eventDescription: z.optional(wordsField(200)),
  eventTimestamp: instantField(),
  exceptionCode: z.optional(z.string().check(z.regex(/^[A-Z0-9]{1,4}$/, 'must be a FedEx exception code'))),
  exceptionDescription: z.optional(wordsField(200)),
  scanLocation: z.optional(
    z.strictObject({
      city: z.optional(wordsField(100)),
      stateOrProvinceCode: z.optional(wordsField(10)),
      postalCode: z.optional(wordsField(20)),
      countryCode: z.optional(CountryCodeSchema),
    }),
  ),
});
export type FedexTrackingEvent = z.infer<typeof FedexTrackingEventSchema>;

/** Without a `scanEventId`, the id is derived: SHA-256 of tracking number, instant and scan code. */
export const normalizeFedex = (event: FedexTrackingEvent): TrackingEvent => {
  const occurredAt = toUtc(event.eventTimestamp);
  const description = event.eventDescription ?? event.exceptionDescription;
  return {
    carrier: 'fedex',
    eventId:
      event.scanEventId ?? derivedEventId('fedex', [event.trackingNumber, occurredAt, event.eventType]),
    trackingNumber: event.trackingNumber,
    status: FEDEX_EVENT_TYPES[event.eventType],
    occurredAt,
    ...(description ? { description } : {}),
  };
};
