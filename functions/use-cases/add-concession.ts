import { createHash } from 'node:crypto';
import { IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { ulid } from 'ulid';
import type * as z from '../../domain/zod.js';
import type { ConcessionBodySchema } from '../../domain/api-schemas.js';
import { NotFoundError } from '../../domain/errors.js';
import type { LifecycleCommand } from '../../domain/lifecycle.js';
import { PaymentDeclinedError, type PaymentPort } from '../../domain/payment-port.js';
import type { Concession, Return } from '../../domain/return.js';
import { countRefundFailed } from '../shared/observability.js';
import { applyCommand, type ApplyCommandDeps } from './apply-command.js';

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
 * 1. ADD_CONCESSION (SUBMITTED) on the version read: refunds and concessions together can never exceed
 *    what was paid, however many requests race (each is checked against the return it wrote over);
 * 2. pay with the concession's id as the idempotency key;
 * 3. record the provider's answer (COMPLETED, or FAILED when declined, which the caller hears as an error).
 */
export const addConcession = async (
  deps: AddConcessionDeps,
  sellerId: string,
  returnId: string,
  body: z.infer<typeof ConcessionBodySchema>,
  idempotencyKey: string | undefined,
): Promise<{ ret: Return; concession: Concession }> => {
  const concessionId = concessionIdFor(sellerId, returnId, idempotencyKey);
  const record = (command: LifecycleCommand) =>
    applyCommand(deps, sellerId, returnId, command, { kind: 'seller', id: sellerId });

  const current = await deps.returns.get(sellerId, returnId);
  if (!current) throw new NotFoundError(`return ${returnId}`);
  const existing = current.concessions.find((c) => c.concessionId === concessionId);
  if (existing && !sameConcession(existing, body)) {
    // The same Idempotency-Key came back with another concession (its first try failed, so the edge kept no answer).
    throw new IdempotencyValidationError('this Idempotency-Key was already used for another concession');
  }
  const concession: Concession = existing ?? {
    concessionId,
    amount: body.amount,
    reason: body.reason,
    status: 'SUBMITTED',
    at: deps.clock.now().toISOString(),
  };
  if (!existing) await record({ type: 'ADD_CONCESSION', concession });
  if (concession.status === 'COMPLETED') return { ret: current, concession };

  const paid = await deps.payments
    .pay({
      idempotencyKey: concessionId,
      sellerId,
      returnId,
      orderId: current.orderId,
      amount: concession.amount,
      kind: 'CONCESSION',
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
  const ret = await record({
    type: 'CONCESSION_STATUS',
    concessionId,
    status: paid.status,
    providerRef: paid.providerRef,
  });
  return { ret, concession: ret.concessions.find((c) => c.concessionId === concessionId)! };
};

const sameConcession = (existing: Concession, body: z.infer<typeof ConcessionBodySchema>): boolean =>
  existing.amount.amount === body.amount.amount &&
  existing.amount.currency === body.amount.currency &&
  existing.reason === body.reason;
