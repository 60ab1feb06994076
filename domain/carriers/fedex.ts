import { z } from 'zod';
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

export const FedexTrackingEventSchema = z
  .object({
    trackingNumber: trackingNumberField(),
    scanEventId: eventIdField().optional(),
    eventType: z.enum(FEDEX_TYPES, { message: `must be one of ${FEDEX_TYPES.join(', ')}` }),
    eventDescription: wordsField(200).optional(),
    eventTimestamp: instantField(),
    exceptionCode: z
      .string()
      .regex(/^[A-Z0-9]{1,4}$/, 'must be a FedEx exception code')
      .optional(),
    exceptionDescription: wordsField(200).optional(),
    scanLocation: z
      .object({
        city: wordsField(100).optional(),
        stateOrProvinceCode: wordsField(10).optional(),
        postalCode: wordsField(20).optional(),
        countryCode: z
          .string()
          .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code')
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
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
