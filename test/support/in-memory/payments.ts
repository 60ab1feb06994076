import { PaymentDeclinedError } from '../../../domain/errors.js';
import type { PaymentPort, PaymentRequest, PaymentResult } from '../../../domain/ports.js';

/**
 * A payment provider in memory that honours idempotency keys as real ones do: a key pays once, and asking
 * again answers the first payment. `declining` refuses every payment, as a closed card would; `answer`
 * is the status a new payment gets (COMPLETED, IN_PROGRESS while it settles, FAILED), or MANUAL for a
 * seller with no provider.
 */
export class InMemoryPayments implements PaymentPort {
  readonly payments: Array<PaymentRequest & { result: PaymentResult }> = [];
  declining = false;
  answer: 'COMPLETED' | 'IN_PROGRESS' | 'FAILED' | 'MANUAL' = 'COMPLETED';

  async pay(request: PaymentRequest): Promise<PaymentResult> {
    if (this.declining) throw new PaymentDeclinedError('the card is closed');
    if (this.answer === 'MANUAL') return { status: 'MANUAL' };
    const earlier = this.payments.find((p) => p.idempotencyKey === request.idempotencyKey);
    if (earlier) return earlier.result;
    const providerRef = `pay_${this.payments.length + 1}`;
    const result: PaymentResult =
      this.answer === 'FAILED'
        ? { status: 'FAILED', providerRef, failureReason: 'lost_or_stolen_card' }
        : { status: this.answer, providerRef };
    this.payments.push({ ...request, result });
    return result;
  }
}
