import type { ConnectionRepository, PaymentPort, PaymentRequest, PaymentResult } from '../../domain/ports.js';
import type { StripePlatform } from './stripe/platform-secret.js';
import type { StripeCredentials } from './stripe/stripe-client.js';

/**
 * The payment port every refund and concession goes through, choosing per seller and return: a seller
 * with a Stripe connection and a return with a Stripe payment reference is refunded through Stripe,
 * under that seller's own key, or, for a Connect connection (an account id), under the region's platform
 * key acting for that account only (Stripe-Account). The connection is read per payment, so a key
 * changed or removed holds from the next refund. Anything else is a manual payout (MANUAL), which a
 * person pays: a Connect connection where the region has no platform any more, too. A deployed stack
 * never pretends to pay.
 */
export class SellerPayments implements PaymentPort {
  constructor(
    private readonly connections: Pick<ConnectionRepository, 'get'>,
    private readonly platform: () => Promise<Pick<StripePlatform, 'secretKey'> | undefined>,
    private readonly stripeFor: (credentials: StripeCredentials) => PaymentPort,
  ) {}

  async pay(request: PaymentRequest): Promise<PaymentResult> {
    if (request.payment?.provider !== 'stripe') return { status: 'MANUAL' };
    const credentials = await this.credentialsOf(request.sellerId);
    return credentials ? this.stripeFor(credentials).pay(request) : { status: 'MANUAL' };
  }

  private async credentialsOf(sellerId: string): Promise<StripeCredentials | undefined> {
    const connection = await this.connections.get(sellerId, 'stripe');
    if (!connection) return undefined;
    const account = connection.settings.accountId;
    if (typeof account !== 'string') {
      const secretKey = connection.secrets.secretKey;
      return secretKey ? { secretKey } : undefined;
    }
    const platform = await this.platform();
    return platform && { secretKey: platform.secretKey, stripeAccount: account };
  }
}
