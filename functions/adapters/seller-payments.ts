import type { ConnectionRepository, PaymentPort, PaymentRequest, PaymentResult } from '../../domain/ports.js';

/**
 * The payment port every refund and concession goes through, choosing per seller and return: a seller
 * with a Stripe connection and a return with a Stripe payment reference is refunded through Stripe,
 * under that seller's own key only (the connection is read per payment, so a key changed or removed
 * holds from the next refund); anything else is a manual payout (MANUAL), which a person pays. A
 * deployed stack never pretends to pay.
 */
export class SellerPayments implements PaymentPort {
  constructor(
    private readonly connections: Pick<ConnectionRepository, 'get'>,
    private readonly stripeFor: (secretKey: string) => PaymentPort,
  ) {}

  async pay(request: PaymentRequest): Promise<PaymentResult> {
    if (request.payment?.provider !== 'stripe') return { status: 'MANUAL' };
    // A Connect connection (an account id, paid with the platform's key) is not paid through yet.
    const secretKey = (await this.connections.get(request.sellerId, 'stripe'))?.secrets.secretKey;
    if (!secretKey) return { status: 'MANUAL' };
    return this.stripeFor(secretKey).pay(request);
  }
}
