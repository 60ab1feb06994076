import * as z from '../../domain/zod.js';
import { refundStatusOf } from '../adapters/stripe/refund-status.js';
import type { RefundEvent } from '../use-cases/record-refund-event.js';

/** The refund events the webhook takes; Stripe sends others only if the endpoint was registered for them. */
export const REFUND_EVENT_TYPES = ['refund.created', 'refund.updated', 'refund.failed'] as const;

const metadata = z.string().check(z.minLength(1), z.maxLength(500));

/**
 * The part of a verified Stripe event the webhook reads. Stripe adds fields over time, so the objects
 * are not strict; the metadata are the ones our adapter put on the refund.
 */
export const StripeRefundEventSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(255)),
  type: z.string(),
  data: z.object({
    object: z.object({
      id: z.string().check(z.minLength(1), z.maxLength(255)),
      object: z.literal('refund'),
      status: z.nullable(z.string()),
      failure_reason: z.optional(z.nullable(z.string())),
      metadata: z.object({
        returnId: metadata,
        sellerId: metadata,
        paymentKey: metadata,
        kind: z.enum(['REFUND', 'CONCESSION']),
      }),
    }),
  }),
});
export type StripeRefundEvent = z.infer<typeof StripeRefundEventSchema>;

/** The event as our lifecycle's REFUND_EVENT, for the connection's seller only (never the metadata's word). */
export const toRefundEvent = (event: StripeRefundEvent, sellerId: string): RefundEvent => {
  const refund = event.data.object;
  const status = refundStatusOf(refund.status);
  return {
    sellerId,
    returnId: refund.metadata.returnId,
    eventId: event.id,
    paymentKey: refund.metadata.paymentKey,
    providerRef: refund.id,
    status,
    ...(status === 'FAILED' ? { failureReason: refund.failure_reason ?? refund.status ?? 'unknown' } : {}),
  };
};
