import type { CarrierPort, IssuedLabel, LabelRequest } from '../../domain/ports.js';
import { ValidationError } from '../../domain/errors.js';
import { carrierFor, returnFreightPayer } from '../../domain/label-terms.js';
import { transition } from '../../domain/lifecycle.js';
import { isDeliveredOrLater } from '../../domain/lifecycle-tracking.js';
import { marketplaceCurrency } from '../../domain/marketplaces.js';
import type { PolicyRepository } from '../../domain/ports.js';
import type { Label, Return } from '../../domain/return.js';
import type { IssueLabelResult } from '../pipeline/pipeline-contract.js';
import type { ApplyCommandDeps } from './apply-command.js';
import { runWaitingStep, type WaitingDecision, type WaitingStepDeps } from './waiting-step.js';

export interface IssueLabelDeps extends ApplyCommandDeps, WaitingStepDeps {
  policies: PolicyRepository;
  carrier: CarrierPort;
}

const SYSTEM = { kind: 'system' } as const;

/**
 * The IssueLabel step: buys the return label and waits for the carrier to
 * deliver the parcel, within the ship-by window its state times out on (`shipBySeconds`):
 * 1. on the latest return, a label already bought (a retried step, a resumed run) stands: the run only
 *    stores its new token, or goes on at once if the parcel was delivered; a return closed or cancelled
 *    meanwhile ends the run quietly;
 * 2. otherwise who pays the freight follows the reason and the marketplace, the return address the
 *    return or the policy; the label is bought (the carrier gives the same label for the same return, so a
 *    retry buys nothing twice) and goes on the return with the token, ship by the end of the window;
 * 3. the `return.label_issued` event, written with the label, mails it to the buyer with the RMA and
 *    ship-by date, once, however often the step runs.
 */
export const issueLabel = async (
  deps: IssueLabelDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
  shipBySeconds: number,
): Promise<void> => {
  const buy = labelBuyer(deps);
  await runWaitingStep(deps, { sellerId, returnId, taskToken }, async (current): Promise<WaitingDecision> => {
    const now = deps.clock.now();
    if (current.label && isDeliveredOrLater(current.status)) {
      return { outcome: 'goes-on', output: resultOf(current) };
    }
    // Only an AUTHORIZED return with no label yet is bought one; the transition refuses any other
    // (returnless, or moved on meanwhile) before anything is bought.
    const buys = current.status === 'AUTHORIZED' && !current.label && !current.returnless;
    const label = buys ? await buy(current, now, shipBySeconds) : undefined;
    const next = transition(current, { type: 'ISSUE_LABEL', label, taskToken }, { now, actor: SYSTEM });
    return { outcome: 'waits', write: next };
  });
};

const resultOf = (ret: Return): IssueLabelResult & Record<string, unknown> => ({
  trackingNumber: ret.trackingNumber ?? null,
});

/**
 * Buys a return's label at most once per request in this invocation: a write conflict decides again on
 * the latest return, and reuses the label only if that decision asks the carrier for the same one.
 */
const labelBuyer = (deps: IssueLabelDeps) => {
  const bought = new Map<string, Promise<IssuedLabel>>();
  return async (ret: Return, now: Date, shipBySeconds: number): Promise<Label> => {
    const policy = ret.returnAddress ? undefined : await deps.policies.get(ret.sellerId, ret.marketplace);
    const returnAddress = ret.returnAddress ?? policy?.returnAddresses[0];
    if (!returnAddress) {
      throw new ValidationError('no return address', [
        { field: 'policy', rule: `must exist for ${ret.marketplace}` },
      ]);
    }
    const { paidBy } = returnFreightPayer(ret.reason, ret.marketplace, ret.buyer.country);
    const request: LabelRequest = {
      returnId: ret.id,
      rma: ret.rma,
      carrier: carrierFor(ret.marketplace),
      returnAddress,
      paidBy,
      currency: marketplaceCurrency(ret.marketplace),
    };
    const key = JSON.stringify(request);
    if (!bought.has(key)) bought.set(key, deps.carrier.createLabel(request));
    const issued = await bought.get(key)!;
    const shipBy = new Date(now.getTime() + shipBySeconds * 1000).toISOString();
    return { carrier: request.carrier, ...issued, shipBy, paidBy, returnAddress };
  };
};
