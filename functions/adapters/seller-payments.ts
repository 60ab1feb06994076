import type { PaymentPort, PaymentRequest, PaymentResult } from '../../domain/ports.js';

/** What the router needs of the connection store: a seller's Stripe secret key, opened. */
export interface StripeKeys {
  stripeKeyOf(sellerId: string): Promise<string | undefined>;
}

/**
 * The payment port every refund and concession goes through, choosing per seller and return: a seller
 * with a Stripe connection and a return with a Stripe payment reference is refunded through Stripe,
 * under that seller's own key only; anything else is a manual payout (MANUAL), which a person pays. A
 * deployed stack never pretends to pay.
 */
export class SellerPayments implements PaymentPort {
  constructor(
    private readonly keys: StripeKeys,
    private readonly stripeFor: (secretKey: string) => PaymentPort,
  ) {}

  async pay(request: PaymentRequest): Promise<PaymentResult> {
    if (request.payment?.provider !== 'stripe') return { status: 'MANUAL' };
    const secretKey = await this.keys.stripeKeyOf(request.sellerId);
    if (!secretKey) return { status: 'MANUAL' };
    return this.stripeFor(secretKey).pay(request);
  }
}
