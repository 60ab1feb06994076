import Stripe from 'stripe';
import { NamedError, PaymentDeclinedError } from '../../../domain/errors.js';
import type { PaymentPort, PaymentRequest, PaymentResult } from '../../../domain/ports.js';
import { failureReasonOf, refundStatusOf } from './refund-status.js';

/**
 * Stripe could not be asked, or did not say (the network, a timeout, a 429, its own 5xx): retryable,
 * with the same idempotency key, which answers with the refund if there is one.
 */
export class PaymentProviderUnavailableError extends NamedError {}

/** The metadata every refund carries: how the webhook finds the return, and which attempt it is. */
const metadataOf = (request: PaymentRequest) => ({
  returnId: request.returnId,
  rma: request.rma,
  sellerId: request.sellerId,
  kind: request.kind,
  paymentKey: request.idempotencyKey,
});

const toResult = (refund: Stripe.Refund): PaymentResult => {
  const status = refundStatusOf(refund.status);
  return status === 'FAILED'
    ? { status, providerRef: refund.id, failureReason: failureReasonOf(refund) }
    : { status, providerRef: refund.id };
};

/**
 * Refunds and concessions through one seller's Stripe account, on the official SDK: `POST /v1/refunds`
 * against the order's PaymentIntent or Charge, in minor units and lower-case currency, with our
 * idempotency key (derived from the return), so a retried, re-run or crashed step asks for the same
 * refund and Stripe makes it once. What Stripe answers (refund-status.ts, and the errors below):
 * - a refund: its status, IN_PROGRESS, COMPLETED or FAILED;
 * - a card error (402), an invalid request (amount_too_large, charge_already_refunded, an unknown
 *   payment: 400/404), an idempotency_error (our key with other parameters), a refused key (401/403):
 *   PaymentDeclinedError, for good, never retried;
 * - a rate limit, a 5xx, the network or a timeout: the refund may or may not have been made. Stripe
 *   replays even a 500 for the key, so the adapter looks for the refund made under the key (its
 *   metadata names it) among the payment's refunds; found, it is the answer; not found,
 *   PaymentProviderUnavailableError, and the step retries with the same key.
 * Stripe's own messages are kept for the timeline, except for a refused key, whose message can quote it.
 */
export class StripePayments implements PaymentPort {
  constructor(private readonly stripe: Stripe) {}

  async pay(request: PaymentRequest): Promise<PaymentResult> {
    const payment = request.payment;
    if (!payment) throw new Error('a Stripe refund needs the payment reference');
    const source = payment.paymentIntentId
      ? { payment_intent: payment.paymentIntentId }
      : { charge: payment.chargeId! };
    try {
      const refund = await this.stripe.refunds.create(
        {
          ...source,
          amount: request.amount.amount,
          currency: request.amount.currency.toLowerCase(),
          metadata: metadataOf(request),
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return toResult(refund);
    } catch (error) {
      refuseForGood(error);
      const made = await this.findMade(source, request.idempotencyKey).catch(() => undefined);
      if (made) return toResult(made);
      throw new PaymentProviderUnavailableError(
        `Stripe did not answer for ${request.idempotencyKey}: ${describe(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  /** The refund made under this key, if Stripe made one: the newest refunds of the payment, by metadata. */
  private async findMade(
    source: { payment_intent: string } | { charge: string },
    paymentKey: string,
  ): Promise<Stripe.Refund | undefined> {
    const { data } = await this.stripe.refunds.list({ ...source, limit: 100 });
    return data.find((refund) => refund.metadata?.paymentKey === paymentKey);
  }
}

const E = Stripe.errors;

/** Throws PaymentDeclinedError for an answer no retry can change; returns for one a retry may. */
const refuseForGood = (error: unknown): void => {
  if (error instanceof E.StripeAuthenticationError || error instanceof E.StripePermissionError) {
    throw new PaymentDeclinedError(
      "Stripe refused the connection's key: check the seller's Stripe connection",
    );
  }
  if (error instanceof E.StripeRateLimitError) return;
  if (
    error instanceof E.StripeCardError ||
    error instanceof E.StripeIdempotencyError ||
    error instanceof E.StripeInvalidRequestError
  ) {
    throw new PaymentDeclinedError(`Stripe ${describe(error)}`, { cause: error });
  }
};

const describe = (error: unknown): string => {
  if (!(error instanceof E.StripeError)) return error instanceof Error ? error.message : String(error);
  const what = [error.rawType ?? error.type, error.code].filter(Boolean).join(' ');
  return `${what}: ${error.message}`;
};
