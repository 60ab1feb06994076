import { PaymentDeclinedError } from '../../../domain/errors.js';
import type { PaymentPort, PaymentRequest, PaymentResult } from '../../../domain/ports.js';

/**
 * A payment provider in memory that honours idempotency keys as real ones do: a key pays once, and asking
 * again answers the first payment. `declining` refuses every payment, as a closed card would.
 */
export class InMemoryPayments implements PaymentPort {
  readonly payments: Array<PaymentRequest & PaymentResult> = [];
  declining = false;

  async pay(request: PaymentRequest): Promise<PaymentResult> {
    if (this.declining) throw new PaymentDeclinedError('the card is closed');
    const earlier = this.payments.find((p) => p.idempotencyKey === request.idempotencyKey);
    if (earlier) return { providerRef: earlier.providerRef, status: earlier.status };
    const paid: PaymentResult = { providerRef: `pay_${this.payments.length + 1}`, status: 'COMPLETED' };
    this.payments.push({ ...request, ...paid });
    return paid;
  }
}
