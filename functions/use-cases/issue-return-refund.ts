import { IllegalTransitionError, NotFoundError } from '../../domain/errors.js';
import type { LifecycleCommand } from '../../domain/lifecycle.js';
import { renderNotification } from '../../domain/notifications/render.js';
import { PaymentDeclinedError, type PaymentPort } from '../../domain/payment-port.js';
import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import { ReturnEndedError } from '../pipeline/pipeline-contract.js';
import { countNeedsAttention, countRefundFailed } from '../shared/observability.js';
import { applyCommand, type NotifyingCommandDeps } from './apply-command.js';
import { notifyOnce } from './notify-once.js';

export interface IssueRefundDeps extends NotifyingCommandDeps {
  payments: PaymentPort;
}

/** The provider took the refund but has not settled it yet: the step is retried, and the replay answers. */
export class RefundSettlingError extends Error {
  override readonly name = 'RefundSettling';
}

const ISSUED = ['REFUNDED', 'COMPLETED'];

/**
 * Pays the refund, exactly once, whatever retries, duplicates or crashes happen:
 * - the payment's idempotency key is the refund's id, which derives from the return, so every attempt
 *   (a retried task, a re-run after a crash between the provider call and our write, a provider that
 *   timed out after paying) asks the provider for the same payment, and the provider pays it once;
 * - a refund already recorded as paid (REFUNDED or later) is never sent to the provider again;
 * - the run reaches this step once per approval: two approvals race on one conditional write.
 * Steps: mark the refund IN_PROGRESS (it goes to the provider), pay, record COMPLETED (REFUNDED) with the
 * provider's reference, then mail the buyer the breakdown, once. A declined refund is recorded FAILED,
 * which sends the return to NEEDS_ATTENTION, and the error (not retried) ends the run there.
 */
export const issueReturnRefund = async (
  deps: IssueRefundDeps,
  sellerId: string,
  returnId: string,
): Promise<void> => {
  const current = await deps.returns.get(sellerId, returnId);
  if (!current) throw new NotFoundError(`return ${returnId}`);
  if (ISSUED.includes(current.status)) return mailRefund(deps, current);
  if (TERMINAL_STATUSES.includes(current.status))
    throw new ReturnEndedError(`the return is ${current.status}`);
  if (current.status !== 'REFUND_IN_PROGRESS' || !current.refund) {
    throw new IllegalTransitionError(current.status, 'ISSUE_REFUND');
  }

  const refund = current.refund;
  const record = (command: LifecycleCommand) =>
    applyCommand(deps, sellerId, returnId, command, { kind: 'system', id: 'payments' });
  if (refund.status !== 'IN_PROGRESS') await record({ type: 'REFUND_STATUS', status: 'IN_PROGRESS' });

  let paid;
  try {
    paid = await deps.payments.pay({
      idempotencyKey: refund.refundId,
      sellerId,
      returnId,
      orderId: current.orderId,
      amount: refund.amount,
      kind: 'REFUND',
    });
  } catch (error) {
    if (!(error instanceof PaymentDeclinedError)) throw error;
    await record({ type: 'REFUND_STATUS', status: 'FAILED', error: `declined: ${error.message}` });
    countRefundFailed();
    countNeedsAttention();
    throw error;
  }
  if (paid.status !== 'COMPLETED') throw new RefundSettlingError(`refund ${paid.providerRef} is settling`);
  const refunded = await record({
    type: 'REFUND_STATUS',
    status: 'COMPLETED',
    providerRef: paid.providerRef,
  }).catch(async (error: unknown) => {
    // Another run of this step (a duplicate run) recorded the same payment first: that is not a failure.
    const now = await deps.returns.get(sellerId, returnId);
    if (error instanceof IllegalTransitionError && now && ISSUED.includes(now.status)) return now;
    throw error;
  });
  await mailRefund(deps, refunded);
};

const mailRefund = async (deps: IssueRefundDeps, ret: Return): Promise<void> => {
  const refund = ret.refund!;
  const mail = renderNotification(
    {
      kind: 'REFUND_ISSUED',
      rma: ret.rma,
      amount: refund.amount,
      breakdown: refund.breakdown.map(({ kind, amount, currency }) => ({ kind, amount, currency })),
    },
    ret.buyer.locale,
  );
  await notifyOnce(deps, ret, 'REFUND_ISSUED', { to: ret.buyer.email, ...mail });
};
