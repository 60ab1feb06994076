import { createHash } from 'node:crypto';
import { IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { ulid } from 'ulid';
import type * as z from '../../domain/zod.js';
import type { ConcessionBodySchema } from '../../domain/api-schemas.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { PaymentDeclinedError } from '../../domain/errors.js';
import type { PaymentPort } from '../../domain/ports.js';
import type { Concession, Return } from '../../domain/return.js';
import { countRefundFailed } from '../shared/observability.js';
import {
  applyCommand,
  decideOnLatest,
  FOLLOW_UP_ATTEMPTS,
  type ApplyCommandDeps,
  type Decision,
} from './apply-command.js';

export interface AddConcessionDeps extends ApplyCommandDeps {
  payments: PaymentPort;
}

/**
 * The concession's id, which is also its payment's idempotency key. From the request's Idempotency-Key
 * when there is one, so a request re-run after a crash finds its own concession and pays it once; a new
 * one otherwise (two requests without a key are two goodwill credits).
 */
const concessionIdFor = (sellerId: string, returnId: string, idempotencyKey: string | undefined): string => {
  const suffix = idempotencyKey
    ? createHash('sha256').update(`${sellerId}\n${idempotencyKey}`).digest('hex').slice(0, 26)
    : ulid();
  return `${returnId}-concession-${suffix}`;
};

/**
 * A goodwill credit, paid through the same payment port as refunds, exactly once:
 * 1. on the latest return: the concession this request already wrote (same Idempotency-Key) is taken up
 *    again, the same key with another concession is refused, and a new one is added (ADD_CONCESSION,
 *    SUBMITTED) only if refunds and concessions together still fit under what was paid. On a write
 *    conflict all of it is decided again on the return that won, so racing requests never over-credit;
 * 2. pay with the concession's id as the idempotency key;
 * 3. record the provider's answer (COMPLETED or IN_PROGRESS; FAILED when declined or failed, which the
 *    caller hears as an error; IN_PROGRESS with a note when no provider can pay it and the seller must).
 * A conflict the first write loses (409) has written nothing. Once it is written, the answer is recorded
 * on whatever version is latest, retried through all the contention racing requests cause
 * (FOLLOW_UP_ATTEMPTS), so a concession written is paid and recorded in the same request; should that
 * request still fail (a crash), its retry with the same Idempotency-Key finds the concession and finishes it.
 */
export const addConcession = async (
  deps: AddConcessionDeps,
  sellerId: string,
  returnId: string,
  body: z.infer<typeof ConcessionBodySchema>,
  idempotencyKey: string | undefined,
): Promise<{ ret: Return; concession: Concession }> => {
  const concessionId = concessionIdFor(sellerId, returnId, idempotencyKey);
  const actor = { kind: 'seller' as const, id: sellerId };
  const record = (command: LifecycleCommand) =>
    applyCommand(deps, sellerId, returnId, command, actor, FOLLOW_UP_ATTEMPTS);

  const added = await decideOnLatest(
    deps,
    sellerId,
    returnId,
    (current): Decision<{ ret: Return; concession: Concession }> => {
      const existing = current.concessions.find((c) => c.concessionId === concessionId);
      if (existing) {
        // The same Idempotency-Key came back with another concession (its first try failed, so the edge kept no answer).
        if (!sameConcession(existing, body)) {
          throw new IdempotencyValidationError(
            'this Idempotency-Key was already used for another concession',
          );
        }
        return { answer: { ret: current, concession: existing } };
      }
      const now = deps.clock.now();
      const concession: Concession = {
        concessionId,
        amount: body.amount,
        reason: body.reason,
        status: 'SUBMITTED',
        at: now.toISOString(),
      };
      return {
        write: transition(current, { type: 'ADD_CONCESSION', concession }, { now, actor }),
        answerWritten: (ret) => ({ ret, concession }),
      };
    },
  );
  if (added.concession.status === 'COMPLETED') return added;

  const paid = await deps.payments
    .pay({
      idempotencyKey: concessionId,
      sellerId,
      returnId,
      rma: added.ret.rma,
      orderId: added.ret.orderId,
      amount: added.concession.amount,
      kind: 'CONCESSION',
      ...(added.ret.payment ? { payment: added.ret.payment } : {}),
    })
    .then((result) => {
      if (result.status !== 'FAILED') return result;
      throw new PaymentDeclinedError(`the provider failed ${result.providerRef}: ${result.failureReason}`);
    })
    .catch(async (error: unknown) => {
      if (error instanceof PaymentDeclinedError) {
        await record({
          type: 'CONCESSION_STATUS',
          concessionId,
          status: 'FAILED',
          error: `declined: ${error.message}`,
        });
        countRefundFailed();
      }
      throw error;
    });
  // Without a provider the seller pays it by hand: it stays IN_PROGRESS, and the timeline says so.
  const ret = await record(
    paid.status === 'MANUAL'
      ? {
          type: 'CONCESSION_STATUS',
          concessionId,
          status: 'IN_PROGRESS',
          error: 'no payment connection or payment reference: the seller pays it by hand',
        }
      : { type: 'CONCESSION_STATUS', concessionId, status: paid.status, providerRef: paid.providerRef },
  );
  return { ret, concession: ret.concessions.find((c) => c.concessionId === concessionId)! };
};

const sameConcession = (existing: Concession, body: z.infer<typeof ConcessionBodySchema>): boolean =>
  existing.amount.amount === body.amount.amount &&
  existing.amount.currency === body.amount.currency &&
  existing.reason === body.reason;
