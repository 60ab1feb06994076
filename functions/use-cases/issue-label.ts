import type { CarrierPort, IssuedLabel, LabelProviders, LabelRequest } from '../../domain/ports.js';
import { ValidationError } from '../../domain/errors.js';
import { carrierFor, returnFreightPayer } from '../../domain/label-terms.js';
import { transition } from '../../domain/lifecycle.js';
import { isDeliveredOrLater } from '../../domain/lifecycle-tracking.js';
import { marketplaceCurrency } from '../../domain/marketplaces.js';
import { parcelFor } from '../../domain/parcel.js';
import type { PolicyRepository } from '../../domain/ports.js';
import type { Label, Return } from '../../domain/return.js';
import type { IssueLabelResult } from '../pipeline/pipeline-contract.js';
import { onFirstUse } from '../shared/on-first-use.js';
import { decideOnLatest, type ApplyCommandDeps } from './apply-command.js';
import { runWaitingStep, type WaitingDecision, type WaitingStepDeps } from './waiting-step.js';

export interface IssueLabelDeps extends ApplyCommandDeps, WaitingStepDeps {
  policies: PolicyRepository;
  labels: LabelProviders;
}

const SYSTEM = { kind: 'system' } as const;

/**
 * The IssueLabel step: buys the return label and waits for the carrier to
 * deliver the parcel, within the ship-by window its state times out on (`shipBySeconds`):
 * 1. on the latest return, a label already bought (a retried step, a resumed run) stands: the run only
 *    stores its new token, or goes on at once if the parcel was delivered; a return closed or cancelled
 *    meanwhile ends the run quietly;
 * 2. otherwise who pays the freight follows the reason and the marketplace, the return address the
 *    return or the policy, the parcel the items (or the policy's sizes); a provider with no idempotency
 *    key (EasyPost) first creates its shipment, which goes on the return (ORDER_LABEL, conditional on the
 *    version read) before anything is bought, so every later try buys that shipment and no other;
 * 3. the label is bought (a carrier keyed by the return, or the recorded shipment, gives the same label
 *    again, so a retry buys nothing twice) and goes on the return with the token, ship by the end of the
 *    window;
 * 4. the `return.label_issued` event, written with the label, mails it to the buyer with the RMA and
 *    ship-by date, once, however often the step runs.
 */
export const issueLabel = async (
  deps: IssueLabelDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
  shipBySeconds: number,
): Promise<void> => {
  // Looked up when first needed: a run that only waits needs no provider.
  const carrier = onFirstUse(() => deps.labels.forSeller(sellerId));
  const requestFor = labelRequester(deps);
  const ordered = await recordLabelOrder(deps, carrier, requestFor, sellerId, returnId);
  const buy = labelBuyer(carrier, requestFor);
  const task = { sellerId, returnId, taskToken, from: ordered };
  await runWaitingStep(deps, task, async (current): Promise<WaitingDecision> => {
    const now = deps.clock.now();
    if (current.label && isDeliveredOrLater(current.status)) {
      return { outcome: 'goes-on', output: resultOf(current) };
    }
    // Only an AUTHORIZED return with no label yet is bought one; the transition refuses any other
    // (returnless, or moved on meanwhile) before anything is bought.
    const label = needsLabel(current) ? await buy(current, now, shipBySeconds) : undefined;
    const next = transition(current, { type: 'ISSUE_LABEL', label, taskToken }, { now, actor: SYSTEM });
    return { outcome: 'waits', write: next };
  });
};

const resultOf = (ret: Return): IssueLabelResult & Record<string, unknown> => ({
  trackingNumber: ret.trackingNumber ?? null,
});

const needsLabel = (ret: Return): boolean => ret.status === 'AUTHORIZED' && !ret.label && !ret.returnless;

/**
 * What the provider is asked for, on the return as read (its recorded shipment included). The policy is
 * the seller's settings, not the return, so one step reads it once for its order and its purchase.
 */
const labelRequester = (deps: IssueLabelDeps) => {
  let policyRead: ReturnType<PolicyRepository['get']> | undefined;
  return async (ret: Return): Promise<LabelRequest> => {
    const policy = await (policyRead ??= deps.policies.get(ret.sellerId, ret.marketplace));
    const returnAddress = ret.returnAddress ?? policy?.returnAddresses[0];
    if (!returnAddress) {
      throw new ValidationError('no return address', [
        { field: 'policy', rule: `must exist for ${ret.marketplace}` },
      ]);
    }
    const { paidBy } = returnFreightPayer(ret.reason, ret.marketplace, ret.buyer.country);
    return {
      returnId: ret.id,
      rma: ret.rma,
      carrier: carrierFor(ret.marketplace),
      returnAddress,
      paidBy,
      currency: marketplaceCurrency(ret.marketplace),
      marketplace: ret.marketplace,
      ...(ret.buyer.address ? { fromAddress: ret.buyer.address } : {}),
      parcel: parcelFor(ret.items, policy?.labels?.parcelDefaults),
      ...(policy?.labels?.preferred ? { preferred: policy.labels.preferred } : {}),
      ...(ret.labelOrder ? { order: ret.labelOrder } : {}),
    };
  };
};

/**
 * Step 2: with a provider that orders first, the shipment goes on the return before it is bought. If
 * another try recorded one meanwhile, that one stands (ours is left unbought, which costs nothing).
 * Gives the return as written, or as read when nothing was, for the purchase to decide on first.
 */
const recordLabelOrder = (
  deps: IssueLabelDeps,
  carrier: () => Promise<CarrierPort>,
  requestFor: (ret: Return) => Promise<LabelRequest>,
  sellerId: string,
  returnId: string,
): Promise<Return> =>
  decideOnLatest<Return>(deps, sellerId, returnId, async (current) => {
    if (!needsLabel(current) || current.labelOrder) return { answer: current };
    const provider = await carrier();
    if (!provider.orderLabel) return { answer: current };
    const order = await provider.orderLabel(await requestFor(current));
    const next = transition(
      current,
      { type: 'ORDER_LABEL', order },
      { now: deps.clock.now(), actor: SYSTEM },
    );
    return { write: next, answerWritten: (written: Return) => written };
  });

/**
 * Buys a return's label at most once per request in this invocation: a write conflict decides again on
 * the latest return, and reuses the label only if that decision asks the carrier for the same one.
 */
const labelBuyer = (
  carrier: () => Promise<CarrierPort>,
  requestFor: (ret: Return) => Promise<LabelRequest>,
) => {
  const bought = new Map<string, Promise<IssuedLabel>>();
  return async (ret: Return, now: Date, shipBySeconds: number): Promise<Label> => {
    const request = await requestFor(ret);
    const provider = await carrier();
    const key = JSON.stringify(request);
    if (!bought.has(key)) bought.set(key, provider.createLabel(request));
    const { carrier: soldBy, ...issued } = await bought.get(key)!;
    const shipBy = new Date(now.getTime() + shipBySeconds * 1000).toISOString();
    const { paidBy, returnAddress } = request;
    return { carrier: soldBy ?? request.carrier, ...issued, shipBy, paidBy, returnAddress };
  };
};
