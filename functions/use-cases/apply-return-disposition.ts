import { NotFoundError } from '../../domain/errors.js';
import { inventoryAdjustments } from '../../domain/disposition.js';
import { applyCommand, type ApplyCommandDeps } from './apply-command.js';

/**
 * Records what happens to each returned line (restock, resell as renewed, ..., buyer keeps) as inventory
 * adjustments the seller can read, and completes the return. A return already completed (a retried
 * step) is left as it is, so the adjustments are recorded once.
 */
export const applyReturnDisposition = async (
  deps: ApplyCommandDeps,
  sellerId: string,
  returnId: string,
): Promise<void> => {
  const ret = await deps.returns.get(sellerId, returnId);
  if (!ret) throw new NotFoundError(`return ${returnId}`);
  if (ret.status === 'COMPLETED') return;
  const adjustments = inventoryAdjustments(ret, deps.clock.now());
  await applyCommand(
    deps,
    sellerId,
    returnId,
    { type: 'APPLY_DISPOSITION', adjustments },
    { kind: 'system' },
  );
};
