import * as z from '../zod.js';
import { FedexTrackingEventSchema, normalizeFedex } from './fedex.js';
import { GenericTrackingEventSchema, normalizeGeneric } from './generic.js';
import type { TrackingEvent } from './tracking-event.js';
import { UpsTrackAlertSchema, normalizeUps } from './ups.js';
import { UspsTrackingEventSchema, normalizeUsps } from './usps.js';

/** The carriers whose webhooks `POST /v1/webhooks/carriers/{carrier}` takes. */
export const CARRIERS = ['ups', 'fedex', 'usps', 'generic'] as const;
export const CarrierSchema = z.enum(CARRIERS);
export type Carrier = z.infer<typeof CarrierSchema>;

/** How to read one carrier's webhook body: its strict schema, and the pure mapping to a TrackingEvent. */
export interface CarrierFormat<P = unknown> {
  schema: z.ZodMiniType<P>;
  /** Total on anything `schema` accepts: it never throws. */
  normalize(payload: P): TrackingEvent;
}

const format = <P>(schema: z.ZodMiniType<P>, normalize: (payload: P) => TrackingEvent): CarrierFormat<P> => ({
  schema,
  normalize,
});

/** carrier -> format. A payload is only ever normalised by the format whose schema parsed it. */
export const CARRIER_FORMATS: Readonly<Record<Carrier, CarrierFormat>> = {
  ups: format(UpsTrackAlertSchema, normalizeUps),
  fedex: format(FedexTrackingEventSchema, normalizeFedex),
  usps: format(UspsTrackingEventSchema, normalizeUsps),
  generic: format(GenericTrackingEventSchema, normalizeGeneric),
};
