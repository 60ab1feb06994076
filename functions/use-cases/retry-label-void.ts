import { LabelVoidNotOwedError, NotFoundError } from '../../domain/errors.js';
import { labelIsUnused } from '../../domain/label-void.js';
import type { Return } from '../../domain/return.js';
import { voidUnusedLabel, type VoidLabelDeps } from './void-label.js';

/** Why a return's label needs no void by a person, or undefined when its last void failed and is owed. */
const notOwed = (ret: Return): string | undefined => {
  if (!ret.label) return 'the return has no label';
  if (!labelIsUnused(ret))
    return 'only the unused label of a return that ended before the carrier scanned it is voided';
  if (ret.label.void?.status !== 'FAILED')
    return ret.label.void ? `its void is ${ret.label.void.status}` : 'it is voided when the return ends';
  return undefined;
};

/**
 * A person's retry of a label void that FAILED (POST /v1/returns/{id}/label/void), after the provider's
 * outage is over:
 * 1. refused (LabelVoidNotOwedError, nothing written) unless the return's last void failed on an unused
 *    label; a return that never tried is voided by whatever ends it;
 * 2. voidUnusedLabel asks the provider again and records the outcome on the latest return (FAILED again,
 *    with the error, if the provider still fails), counting every attempt;
 * 3. the answer is the return as it then stands, whoever recorded the void.
 */
export const retryLabelVoid = async (deps: VoidLabelDeps, sellerId: string, id: string): Promise<Return> => {
  const ret = await deps.returns.get(sellerId, id);
  if (!ret) throw new NotFoundError(`return ${id}`);
  const reason = notOwed(ret);
  if (reason) throw new LabelVoidNotOwedError(reason);
  const recorded = await voidUnusedLabel(deps, sellerId, id);
  return recorded ?? (await deps.returns.get(sellerId, id)) ?? ret;
};
