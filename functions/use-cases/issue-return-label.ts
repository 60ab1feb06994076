import type { CarrierPort } from '../../domain/carrier-port.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { carrierFor, returnFreightPayer, secondsUntil, shipByDate } from '../../domain/label-terms.js';
import { marketplaceCurrency } from '../../domain/marketplaces.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { PolicyRepository } from '../../domain/ports.js';
import type { Return } from '../../domain/return.js';
import { ReturnEndedError, type IssueLabelResult } from '../pipeline/pipeline-contract.js';
import { TERMINAL_STATUSES } from '../../domain/return.js';
import { applyCommand, type NotifyingCommandDeps } from './apply-command.js';
import { notifyOnce } from './notify-once.js';

export interface IssueLabelDeps extends NotifyingCommandDeps {
  policies: PolicyRepository;
  carrier: CarrierPort;
}

const resultOf = (ret: Return, now: Date): IssueLabelResult => ({
  shipBySeconds: secondsUntil(ret.label!.shipBy, now),
  trackingNumber: ret.label!.trackingNumber,
});

/**
 * Buys the return label and tells the buyer:
 * 1. a return that already has its label (a retried step) is answered as it stands (its mail sent if it
 *    was not), and one that was
 *    closed or cancelled meanwhile ends the run quietly;
 * 2. who pays the freight follows the reason and the marketplace; the ship-by date, the policy;
 * 3. the label goes on the return (LABEL_ISSUED), then the buyer gets it with the RMA and ship-by date.
 */
export const issueReturnLabel = async (
  deps: IssueLabelDeps,
  sellerId: string,
  returnId: string,
): Promise<IssueLabelResult> => {
  const ret = await deps.returns.get(sellerId, returnId);
  if (!ret) throw new NotFoundError(`return ${returnId}`);
  const now = deps.clock.now();
  if (ret.label) {
    // A retried step: the label stands; the mail may not have gone out before the first try failed.
    await mailLabel(deps, ret);
    return resultOf(ret, now);
  }
  // Cancelled or closed before the run got here: no label to buy, and nothing failed.
  if (TERMINAL_STATUSES.includes(ret.status)) throw new ReturnEndedError(`the return is ${ret.status}`);

  const policy = await deps.policies.get(sellerId, ret.marketplace);
  const returnAddress = ret.returnAddress ?? policy?.returnAddresses[0];
  if (!policy || !returnAddress) {
    throw new ValidationError('no return address', [
      { field: 'policy', rule: `must exist for ${ret.marketplace}` },
    ]);
  }
  const { paidBy } = returnFreightPayer(ret.reason, ret.marketplace, ret.buyer.country);
  const carrier = carrierFor(ret.marketplace);
  const issued = await deps.carrier.createLabel({
    returnId: ret.id,
    rma: ret.rma,
    carrier,
    returnAddress,
    paidBy,
    currency: marketplaceCurrency(ret.marketplace),
  });
  const label = {
    carrier,
    ...issued,
    shipBy: shipByDate(now, policy.shipByDays).toISOString(),
    paidBy,
    returnAddress,
  };
  const labelled = await applyCommand(
    deps,
    sellerId,
    returnId,
    { type: 'ISSUE_LABEL', label },
    { kind: 'system' },
  );

  await mailLabel(deps, labelled);
  return resultOf(labelled, now);
};

/** The buyer's label, RMA and ship-by date, in the buyer's language; once, however often the step runs. */
const mailLabel = async (deps: IssueLabelDeps, ret: Return): Promise<void> => {
  const label = ret.label!;
  const mail = renderNotification(
    {
      kind: 'RETURN_AUTHORIZED',
      rma: ret.rma,
      returnless: false,
      label: {
        url: label.labelUrl,
        trackingNumber: label.trackingNumber,
        carrier: label.carrier,
        shipBy: label.shipBy,
      },
      returnAddress: label.returnAddress,
    },
    ret.buyer.locale,
  );
  await notifyOnce(deps, ret, 'RETURN_AUTHORIZED', { to: ret.buyer.email, ...mail });
};
