import * as z from './zod.js';
import { text } from './bounded-text.js';

/**
 * How a return is resolved: a refund (the default), or the same goods sent again (seed 002: "providing
 * replacement goods or a refund"). The seller says so when authorizing; the inspection may say otherwise,
 * and then it is the inspection's word that stands (docs/design.md §4a).
 */
export const RESOLUTIONS = ['REFUND', 'REPLACE'] as const;
export const ResolutionSchema = z.enum(RESOLUTIONS);
export type Resolution = z.infer<typeof ResolutionSchema>;

/** A replacement's life: requested (its goods reserved), shipped (the return completes), or refunded instead. */
export const REPLACEMENT_STATUSES = ['REQUESTED', 'SHIPPED', 'REFUNDED_INSTEAD'] as const;

export const ReplacementShipmentSchema = z.object({
  carrier: z.string(),
  trackingNumber: z.string(),
  shippedAt: z.string(),
});

/** The replacement shipment the seller owes: the return's SKUs and quantities, and what became of it. */
export const ReplacementSchema = z.object({
  status: z.enum(REPLACEMENT_STATUSES),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().check(z.int()) })),
  requestedAt: z.string(),
  shipment: z.optional(ReplacementShipmentSchema),
  /** When it was turned into a refund, and why (the seller's words). */
  refundedInstead: z.optional(z.object({ at: z.string(), reason: z.optional(z.string()) })),
});
export type Replacement = z.infer<typeof ReplacementSchema>;

/**
 * A stock movement of a replacement, beside the dispositions of what came back: the goods reserved for
 * it, released when it is refunded instead, or shipped out with it.
 */
export const ReservationAdjustmentSchema = z.object({
  sku: z.string(),
  quantity: z.number().check(z.int()),
  reservation: z.enum(['RESERVED', 'RELEASED', 'SHIPPED']),
  at: z.string(),
});
export type ReservationAdjustment = z.infer<typeof ReservationAdjustmentSchema>;

/** `POST /v1/returns/{id}/replacement/shipped`: the parcel the replacement went out in. */
export const ReplacementShippedBodySchema = z.strictObject({
  trackingNumber: z
    .string()
    .check(z.regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4 to 40 letters, digits or hyphens')),
  carrier: text(60).check(z.refine((c) => c.trim() !== '', 'must not be blank')),
});

/** `POST /v1/returns/{id}/replacement/refund`: the replacement cannot be sent; refund the buyer instead. */
export const RefundInsteadBodySchema = z.strictObject({ reason: z.optional(text(500)) });
