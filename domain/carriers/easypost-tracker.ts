import * as z from '../zod.js';
import type { TrackingStatus } from '../lifecycle-tracking.js';
import { labelCarrierNamed } from '../label-preferences.js';
import { eventIdField, instantField, toUtc, trackingNumberField, wordsField } from './payload-fields.js';
import type { TrackingEvent } from './tracking-event.js';

/**
 * EasyPost's tracker statuses onto our tracking events (the README's mapping table). `unknown` says
 * nothing about the parcel, so it moves nothing; the rest go through the same never-backwards rules as
 * every carrier's events.
 */
export const EASYPOST_TRACKER_STATUSES: Readonly<Record<string, TrackingStatus | undefined>> = {
  pre_transit: 'LABEL_CREATED',
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  delivered: 'DELIVERED',
  available_for_pickup: 'EXCEPTION',
  return_to_sender: 'EXCEPTION',
  failure: 'EXCEPTION',
  cancelled: 'EXCEPTION',
  error: 'EXCEPTION',
  unknown: undefined,
};

/**
 * The parts of an EasyPost `Event` we read. Not strict, unlike our own contract: EasyPost adds fields to
 * its objects at will, and the body is only read once its signature has been verified.
 */
export const EasyPostEventSchema = z.object({
  id: eventIdField(),
  description: wordsField(64),
  result: z.object({
    id: z.optional(wordsField(64)),
    tracking_code: trackingNumberField(),
    status: z.string().check(z.maxLength(32)),
    carrier: wordsField(64),
    updated_at: z.optional(instantField()),
    tracking_details: z.optional(
      z.array(
        z.object({ datetime: z.optional(instantField()), message: z.optional(z.nullable(wordsField(500))) }),
      ),
    ),
  }),
  created_at: instantField(),
});
export type EasyPostEvent = z.infer<typeof EasyPostEventSchema>;

/**
 * A `tracker.updated` event as our tracking event, de-duplicated on EasyPost's event id; undefined for
 * any other event, or a status that says nothing (`unknown`). Its carrier is the one that carries the
 * parcel (as on the label EasyPost sold), `generic` for one we have no webhook of our own for.
 */
export const normalizeEasyPostEvent = (event: EasyPostEvent): TrackingEvent | undefined => {
  if (event.description !== 'tracker.updated') return undefined;
  const status = Object.hasOwn(EASYPOST_TRACKER_STATUSES, event.result.status)
    ? EASYPOST_TRACKER_STATUSES[event.result.status]
    : undefined;
  if (!status) return undefined;
  const latest = event.result.tracking_details?.at(-1);
  return {
    carrier: labelCarrierNamed(event.result.carrier) ?? 'generic',
    eventId: event.id,
    trackingNumber: event.result.tracking_code,
    status,
    occurredAt: toUtc(latest?.datetime ?? event.result.updated_at ?? event.created_at),
    ...(latest?.message ? { description: latest.message } : {}),
  };
};
