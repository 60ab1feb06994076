import { IllegalTransitionError, PaymentDeclinedError } from '../../domain/errors.js';
import { resolutionOf } from '../../domain/lifecycle-replacement.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import type { PaymentPort, PaymentResult, PipelinePort, PolicyRepository } from '../../domain/ports.js';
import { paymentKeyOf } from '../../domain/refund.js';
import { TERMINAL_STATUSES, type Return } from '../../domain/return.js';
import { RefundFailedError, ReturnEndedError } from '../pipeline/pipeline-contract.js';
import { countNeedsAttention, countRefundFailed } from '../shared/observability.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';
import { refundUnderPolicy } from './compute-refund.js';
import { finishRefund, recordOnLatest } from './refund-outcome.js';

export interface IssueRefundDeps extends ApplyCommandDeps {
  payments: PaymentPort;
  pipeline: PipelinePort;
  /** For the refund of an inspected return, which this step records when it needs no approval. */
  policies: Pick<PolicyRepository, 'get'>;
}

const ISSUED: readonly string[] = ['REFUNDED', 'COMPLETED'];
const PAYMENTS = { kind: 'system', id: 'payments' } as const;
const SYSTEM = { kind: 'system' } as const;

/**
 * The IssueRefund step (`.waitForTaskToken`): pays the refund exactly once, and ends the run once it is
 * paid, now or when its provider's event or the seller's mark-paid says so. Each write decides on the
 * latest return (decideOnLatest):
 * 0. an INSPECTED return (the happy path, straight from AwaitInspection) has its refund recorded here
 *    (COMPUTE_REFUND, as ComputeRefund would) when it needs no approval; one that waits for the seller's
 *    approval, or is resolved by a replacement, is sent on to ComputeRefund (SentOnError), which comes
 *    back here once the approval is given;
 * 1. mark the refund IN_PROGRESS: it goes to the provider (a refund that FAILED starts a new attempt
 *    here, with its own key); one already paid goes straight to 3; one waiting for a manual payout
 *    only waits again, with this run's token;
 * 2. pay through the payment port under the attempt's key, derived from the return (`<returnId>-refund`,
 *    `-refund-2`, ...), so every retry, re-run or crash asks the provider for the same refund. Its answer:
 *    - COMPLETED: recorded REFUNDED;
 *    - IN_PROGRESS (Stripe pending, requires_action): recorded with the provider's reference and the
 *      token; the run waits for the refund's event (or, should the event have come first, goes on);
 *    - MANUAL (no connection, no payment reference): REFUND_PENDING_PAYOUT with the token; its
 *      `refund.pending_payout` event asks the seller by mail to pay by hand and mark it paid;
 *    - FAILED, or a refusal (PaymentDeclinedError): recorded FAILED, NEEDS_ATTENTION (its `refund.failed`
 *      event mails the seller), and the error (not retried) ends the run there; any other error is
 *      retried by the state machine;
 * 3. once REFUNDED (its `refund.completed` event mails the buyer, once): finishRefund applies the
 *    disposition (once) and resumes the run.
 * A return resolved by a replacement (REPLACEMENT_PENDING, or COMPLETED once it shipped) has nothing to
 * pay: the run is resumed, so it ends. A replacement refunded instead is paid here like any refund.
 */
export const issueRefund = async (
  deps: IssueRefundDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
): Promise<void> => {
  const record: Recorder = (decide, from) =>
    recordOnLatest(deps, { sellerId, id: returnId }, PAYMENTS, decide, from);

  const computed = await recordRefundOfInspected(deps, sellerId, returnId, taskToken);
  if (computed === 'elsewhere') return deps.pipeline.sendOn(taskToken, 'ComputeRefund');
  const toPay = await record((current) => {
    if (ISSUED.includes(current.status) || current.status === 'REPLACEMENT_PENDING') return undefined;
    if (TERMINAL_STATUSES.includes(current.status))
      throw new ReturnEndedError(`the return is ${current.status}`);
    if (current.status === 'REFUND_PENDING_PAYOUT') return { type: 'AWAIT_PAYOUT', taskToken };
    if (current.status !== 'REFUND_IN_PROGRESS' || !current.refund) {
      throw new IllegalTransitionError(current.status, 'ISSUE_REFUND');
    }
    return current.refund.status === 'IN_PROGRESS' && current.refund.method !== 'MANUAL'
      ? undefined
      : { type: 'ISSUE_REFUND', status: 'IN_PROGRESS' };
  }, computed);
  if (toPay.status === 'REFUND_PENDING_PAYOUT') return;
  if (!toPay.refund) return deps.pipeline.resume(taskToken, { resolution: 'REPLACE' });
  const paid = ISSUED.includes(toPay.status) ? toPay : await pay(deps, toPay, taskToken, record);
  if (ISSUED.includes(paid.status)) await finishRefund(deps, paid, PAYMENTS, taskToken);
};

/**
 * Step 0: the refund of an INSPECTED return, recorded on the latest return when it needs no approval;
 * 'elsewhere' when it waits for one or the return is resolved by a replacement (ComputeRefund's work);
 * otherwise the return as it stands (its refund recorded already, by ComputeRefund or a try before).
 */
const recordRefundOfInspected = (
  deps: IssueRefundDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
): Promise<Return | 'elsewhere'> =>
  decideOnLatest<Return | 'elsewhere'>(deps, sellerId, returnId, async (current) => {
    if (current.status !== 'INSPECTED') return { answer: current };
    if (resolutionOf(current) === 'REPLACE') return { answer: 'elsewhere' };
    const now = deps.clock.now();
    const refund = await refundUnderPolicy(deps, current, now);
    if (refund.requiresApproval) return { answer: 'elsewhere' };
    return {
      write: transition(current, { type: 'COMPUTE_REFUND', refund, taskToken }, { now, actor: SYSTEM }),
      answerWritten: (written: Return) => written,
    };
  });

/** recordOnLatest on this step's return, from the version it last wrote or read (`from`). */
type Recorder = (decide: (current: Return) => LifecycleCommand | undefined, from?: Return) => Promise<Return>;

/** Pays `ret`'s refund as this step last wrote it, and records the answer on the latest return. */
const pay = async (
  deps: IssueRefundDeps,
  ret: Return,
  taskToken: string,
  record: Recorder,
): Promise<Return> => {
  const refund = ret.refund!;
  const paymentKey = paymentKeyOf(refund);
  let paid: PaymentResult;
  try {
    paid = await deps.payments.pay({
      idempotencyKey: paymentKey,
      sellerId: ret.sellerId,
      returnId: ret.id,
      rma: ret.rma,
      orderId: ret.orderId,
      amount: refund.amount,
      kind: 'REFUND',
      ...(ret.payment ? { payment: ret.payment } : {}),
    });
  } catch (error) {
    if (!(error instanceof PaymentDeclinedError)) throw error;
    await failRefund(record, ret, paymentKey, undefined, `declined: ${error.message}`);
    throw error;
  }
  // Decided on the latest return: the refund's own event may have been recorded first.
  const sameAttempt = (current: Return) =>
    current.refund !== undefined && paymentKeyOf(current.refund) === paymentKey;
  switch (paid.status) {
    case 'MANUAL': {
      return record(
        (current) =>
          current.status === 'REFUND_IN_PROGRESS' && sameAttempt(current)
            ? { type: 'AWAIT_PAYOUT', taskToken }
            : undefined,
        ret,
      );
    }
    case 'FAILED':
      await failRefund(record, ret, paymentKey, paid.providerRef, paid.failureReason);
      throw new RefundFailedError(`the provider failed refund ${paid.providerRef}: ${paid.failureReason}`);
    case 'IN_PROGRESS':
    case 'COMPLETED': {
      const recorded = await record(
        (current) =>
          current.status !== 'REFUND_IN_PROGRESS' ||
          !sameAttempt(current) ||
          current.refund!.status === 'COMPLETED'
            ? undefined
            : {
                type: 'ISSUE_REFUND',
                status: paid.status,
                providerRef: paid.providerRef,
                method: 'STRIPE',
                ...(paid.status === 'IN_PROGRESS' ? { taskToken } : {}),
              },
        ret,
      );
      if (recorded.status === 'NEEDS_ATTENTION')
        throw new RefundFailedError(recorded.attention?.error ?? 'the refund failed');
      return recorded;
    }
  }
};

/** FAILED on the latest return (unless its event got there first) and counted; its event tells the seller. */
const failRefund = async (
  record: Recorder,
  ret: Return,
  paymentKey: string,
  providerRef: string | undefined,
  error: string,
): Promise<void> => {
  await record(
    (current) =>
      current.status === 'REFUND_IN_PROGRESS' && current.refund && paymentKeyOf(current.refund) === paymentKey
        ? { type: 'ISSUE_REFUND', status: 'FAILED', error, ...(providerRef ? { providerRef } : {}) }
        : undefined,
    ret,
  );
  countRefundFailed();
  countNeedsAttention();
};
