import * as z from './zod.js';
import { ItemSizeSchema } from './parcel.js';

/** The carriers return labels are bought from through a label provider (EasyPost). */
export const LABEL_CARRIERS = ['ups', 'fedex', 'usps'] as const;
export const LabelCarrierSchema = z.enum(LABEL_CARRIERS);
export type LabelCarrier = z.infer<typeof LabelCarrierSchema>;

/** A policy's say in how its return labels are bought. */
export const LabelPreferencesSchema = z.strictObject({
  /** Bought when offered; otherwise the cheapest rate among the marketplace's carriers. */
  preferred: z.optional(
    z.strictObject({
      carrier: LabelCarrierSchema,
      /** The carrier's service name as the provider gives it, e.g. `Ground`; any service when absent. */
      service: z.optional(z.string().check(z.minLength(1)).check(z.maxLength(64))),
    }),
  ),
  /** One unit's size by category (`default` for the rest), for items that do not give their own. */
  parcelDefaults: z.optional(
    z
      .record(z.string().check(z.minLength(1)).check(z.maxLength(64)), ItemSizeSchema)
      .check(z.refine((r) => Object.keys(r).length <= 50, 'must have at most 50 categories')),
  ),
});
export type LabelPreferences = z.infer<typeof LabelPreferencesSchema>;

/** A label provider's carrier name (EasyPost's `UPS`, `USPS`, `FedEx`, `UPSDAP`, ...) in our words, if ours. */
export const labelCarrierNamed = (name: string): LabelCarrier | undefined =>
  LABEL_CARRIERS.find((carrier) => name.toLowerCase().startsWith(carrier));
