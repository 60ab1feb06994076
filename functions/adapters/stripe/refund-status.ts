import type Stripe from 'stripe';
import type { RefundStatus } from '../../../domain/refund.js';

/**
 * Stripe's refund statuses as ours: `pending` and `requires_action` are IN_PROGRESS (an event ends them),
 * `succeeded` is COMPLETED, `failed` and `canceled` are FAILED (with Stripe's `failure_reason`).
 */
export const REFUND_STATUS_OF: Readonly<
  Record<Stripe.Refund['status'] & string, Exclude<RefundStatus, 'SUBMITTED'>>
> = {
  pending: 'IN_PROGRESS',
  requires_action: 'IN_PROGRESS',
  succeeded: 'COMPLETED',
  failed: 'FAILED',
  canceled: 'FAILED',
};

/** A status Stripe may add later is taken as still settling: an event will say how it ended. */
export const refundStatusOf = (status: string | null | undefined): Exclude<RefundStatus, 'SUBMITTED'> =>
  REFUND_STATUS_OF[status as keyof typeof REFUND_STATUS_OF] ?? 'IN_PROGRESS';

/** Why a refund failed, in words for the timeline: Stripe's `failure_reason`, or its status. */
export const failureReasonOf = (refund: Pick<Stripe.Refund, 'status' | 'failure_reason'>): string =>
  refund.failure_reason ?? (refund.status === 'canceled' ? 'canceled' : 'unknown');
