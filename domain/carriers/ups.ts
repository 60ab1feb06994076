import * as z from '../zod.js';
import { CountryCodeSchema } from '../country-code.js';
import type { TrackingStatus } from '../lifecycle-tracking.js';
import { trackingNumberField, wordsField } from './payload-fields.js';
import { derivedEventId } from './event-id.js';
import type { TrackingEvent } from './tracking-event.js';

/**
 * UPS Track Alert: the push notification UPS sends for each activity on a subscribed tracking number.
 * Dates are `YYYYMMDD` and times `HHMMSS`, in the local time of the activity; UPS sends no event id.
 */

/** UPS status types (`activityStatus.type`) and what each means for a return in transit. */
export const UPS_STATUS_TYPES = {
  /** Manifest: billing information received, the label exists. */
  M: 'LABEL_CREATED',
  /** Pickup. */
  P: 'IN_TRANSIT',
  I: 'IN_TRANSIT',
  O: 'OUT_FOR_DELIVERY',
  D: 'DELIVERED',
  X: 'EXCEPTION',
  /** Returned to shipper: the parcel is going back to the buyer. */
  RS: 'EXCEPTION',
} as const satisfies Record<string, TrackingStatus>;
type UpsStatusType = keyof typeof UPS_STATUS_TYPES;

const UPS_TYPES = Object.keys(UPS_STATUS_TYPES) as [UpsStatusType, ...UpsStatusType[]];

const isCalendarDate = (value: string): boolean => {
  const [y, m, d] = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const upsDate = () =>
  z
    .string()
    .check(z.regex(/^\d{8}$/, 'must be a date as YYYYMMDD'))
    .check(z.refine(isCalendarDate, 'must be a date that exists'));
const upsTime = () =>
  z.string().check(z.regex(/^([01]\d|2[0-3])[0-5]\d[0-5]\d$/, 'must be a time as HHMMSS (24-hour clock)'));
/** UPS sends empty strings for the dates and times it does not know yet. */
const orEmpty = <S extends z.ZodMiniType>(schema: S) => z.union([schema, z.literal('')]);

export const UpsTrackAlertSchema = z.strictObject({
  trackingNumber: trackingNumberField(),
  localActivityDate: upsDate(),
  localActivityTime: upsTime(),
  /** The same moment in GMT, when UPS knows it; preferred over the local time. */
  gmtActivityDate: z.optional(orEmpty(upsDate())),
  gmtActivityTime: z.optional(orEmpty(upsTime())),
  /** The local time's offset from GMT, e.g. `-05:00`. */
  gmtOffset: z.optional(
    z.string().check(z.regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'must be an offset such as -05:00')),
  ),
  scheduledDeliveryDate: z.optional(orEmpty(upsDate())),
  actualDeliveryDate: z.optional(orEmpty(upsDate())),
  actualDeliveryTime: z.optional(orEmpty(upsTime())),
  activityLocation: z.optional(
    z.strictObject({
      city: z.optional(wordsField(100)),
      stateProvince: z.optional(wordsField(50)),
      postalCode: z.optional(wordsField(20)),
      country: z.optional(CountryCodeSchema),
    }),
  ),
  activityStatus: z.strictObject({
    type: z.enum(UPS_TYPES, { message: `must be one of ${UPS_TYPES.join(', ')}` }),
    /** UPS's activity code, e.g. `OR` (origin scan), `KB` (delivered). */
    code: z
      .string()
      .check(z.regex(/^[A-Z0-9]{1,3}$/, 'must be a UPS activity code (1 to 3 letters or digits)')),
    description: wordsField(200),
  }),
});
export type UpsTrackAlert = z.infer<typeof UpsTrackAlertSchema>;

const isoOf = (date: string, time: string, offset: string): string =>
  new Date(
    `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}${offset}`,
  ).toISOString();

/**
 * When it happened: the GMT date and time if UPS sent them, else the local ones with `gmtOffset`, else
 * the local ones read as UTC (off by the local offset at most; the lifecycle orders events by progress,
 * not by this time).
 */
const occurredAt = (alert: UpsTrackAlert): string =>
  alert.gmtActivityDate && alert.gmtActivityTime
    ? isoOf(alert.gmtActivityDate, alert.gmtActivityTime, 'Z')
    : isoOf(alert.localActivityDate, alert.localActivityTime, alert.gmtOffset ?? 'Z');

/** The event id is derived: SHA-256 of tracking number, local date and time, status type and code. */
export const normalizeUps = (alert: UpsTrackAlert): TrackingEvent => {
  const { trackingNumber, localActivityDate, localActivityTime, activityStatus } = alert;
  return {
    carrier: 'ups',
    eventId: derivedEventId('ups', [
      trackingNumber,
      localActivityDate,
      localActivityTime,
      activityStatus.type,
      activityStatus.code,
    ]),
    trackingNumber,
    status: UPS_STATUS_TYPES[activityStatus.type],
    occurredAt: occurredAt(alert),
    ...(activityStatus.description === '' ? {} : { description: activityStatus.description }),
  };
};
