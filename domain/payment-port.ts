import { NamedError } from './errors.js';
import type { Money } from './money.js';

/**
 * The payment provider that pays refunds and concessions back to the buyer's original payment method.
 * Like real providers, it takes an idempotency key: a second request with the same key pays nothing
 * more and answers with the first payment. Everything we send derives its key from the return, so a
 * retried, duplicated or crashed step can never pay twice.
 */
export interface PaymentRequest {
  /** Derived from the return: `<returnId>-refund`, or the concession's id. */
  idempotencyKey: string;
  sellerId: string;
  returnId: string;
  orderId: string;
  amount: Money;
  kind: 'REFUND' | 'CONCESSION';
}

export interface PaymentResult {
  /** The provider's id for the payment. */
  providerRef: string;
  /** COMPLETED once the money has moved; IN_PROGRESS while the provider still settles it. */
  status: 'COMPLETED' | 'IN_PROGRESS';
}

export interface PaymentPort {
  /** Pays once per key. Throws PaymentDeclinedError when the provider refuses; any other error may be retried. */
  pay(request: PaymentRequest): Promise<PaymentResult>;
}

/** The provider refused the payment (a closed card, a disputed order): retrying will not help. */
export class PaymentDeclinedError extends NamedError {}
