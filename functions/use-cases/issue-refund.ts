import { inventoryAdjustments } from '../../domain/disposition.js';
import { IllegalTransitionError, NamedError } from '../../domain/errors.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { PaymentDeclinedError } from '../../domain/errors.js';
import type { PaymentPort } from '../../domain/ports.js';
import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import { ReturnEndedError } from '../pipeline/pipeline-contract.js';
import { countNeedsAttention, countRefundFailed } from '../shared/observability.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';

export interface IssueRefundDeps extends ApplyCommandDeps {
  payments: PaymentPort;
}

/** The provider took the refund but has not settled it yet: the step is retried, and the replay answers. */
export class RefundSettlingError extends NamedError {}

const ISSUED: readonly string[] = ['REFUNDED', 'COMPLETED'];
const PAYMENTS = { kind: 'system', id: 'payments' } as const;

/**
 * The IssueRefund step: pays the refund, exactly once, and applies the disposition (the return is COMPLETED). Each write decides on the latest return (decideOnLatest):
 * - the payment's idempotency key is the refund's id, which derives from the return, so every attempt
 *   (a retried task, a re-run after a crash between the provider call and our write, a provider that
 *   timed out after paying) asks the provider for the same payment, and the provider pays it once;
 * - a refund already recorded as paid (REFUNDED or later) is never sent to the provider again;
 * - the run reaches this step once per approval: two approvals race on one conditional write.
 * Steps: mark the refund IN_PROGRESS (it goes to the provider), pay, record COMPLETED (REFUNDED) with the
 * provider's reference (its `refund.completed`
 * event mails the buyer the breakdown, once), then record the inventory adjustments of each returned line
 * (restock, resell as renewed, ..., buyer keeps), once. A declined refund is recorded FAILED, which sends
 * the return to NEEDS_ATTENTION, and the error (not retried) ends the run there.
 */
export const issueRefund = async (
  deps: IssueRefundDeps,
  sellerId: string,
  returnId: string,
): Promise<void> => {
  const record = (decide: (current: Return) => LifecycleCommand | undefined) =>
    decideOnLatest<Return>(deps, sellerId, returnId, (current) => {
      const command = decide(current);
      if (!command) return { answer: current };
      const next = transition(current, command, { now: deps.clock.now(), actor: PAYMENTS });
      return { write: next, answerWritten: (written: Return) => written };
    });

  const toPay = await record((current) => {
    if (ISSUED.includes(current.status)) return undefined;
    if (TERMINAL_STATUSES.includes(current.status)) {
      throw new ReturnEndedError(`the return is ${current.status}`);
    }
    if (current.status !== 'REFUND_IN_PROGRESS' || !current.refund) {
      throw new IllegalTransitionError(current.status, 'ISSUE_REFUND');
    }
    return current.refund.status === 'IN_PROGRESS'
      ? undefined
      : { type: 'ISSUE_REFUND', status: 'IN_PROGRESS' };
  });
  if (!ISSUED.includes(toPay.status)) await pay(deps, toPay, record);
  await record((current) =>
    current.status === 'COMPLETED'
      ? undefined
      : { type: 'APPLY_DISPOSITION', adjustments: inventoryAdjustments(current, deps.clock.now()) },
  );
};

const pay = async (
  deps: IssueRefundDeps,
  ret: Return,
  record: (decide: (current: Return) => LifecycleCommand | undefined) => Promise<Return>,
): Promise<Return> => {
  const refund = ret.refund!;
  let paid;
  try {
    paid = await deps.payments.pay({
      idempotencyKey: refund.refundId,
      sellerId: ret.sellerId,
      returnId: ret.id,
      orderId: ret.orderId,
      amount: refund.amount,
      kind: 'REFUND',
    });
  } catch (error) {
    if (!(error instanceof PaymentDeclinedError)) throw error;
    await record(() => ({ type: 'ISSUE_REFUND', status: 'FAILED', error: `declined: ${error.message}` }));
    countRefundFailed();
    countNeedsAttention();
    throw error;
  }
  if (paid.status !== 'COMPLETED') throw new RefundSettlingError(`refund ${paid.providerRef} is settling`);
  // Another run of this step (a duplicate run) may have recorded the same payment first: not a failure.
  return record((current) =>
    ISSUED.includes(current.status)
      ? undefined
      : { type: 'ISSUE_REFUND', status: 'COMPLETED', providerRef: paid.providerRef },
  );
};
