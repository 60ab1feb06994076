import { NotFoundError } from '../../domain/errors.js';
import { TERMINAL_STATUSES } from '../../domain/return.js';
import { isDeliveredOrLater } from '../../domain/lifecycle-tracking.js';
import type { PipelinePort } from '../pipeline/pipeline-port.js';
import { applyCommand, type ApplyCommandDeps } from './apply-command.js';

export interface AwaitCarrierDeps extends ApplyCommandDeps {
  pipeline: PipelinePort;
}

/**
 * Parks the run until the carrier reports delivery:
 * 1. store the task token on the return, where the carrier webhook finds it;
 * 2. if the parcel was delivered before the run got here (a fast carrier, a resumed run), resume at once;
 *    so too if the return ended meanwhile (closed or cancelled): there is nothing left to wait for.
 */
export const awaitCarrier = async (
  deps: AwaitCarrierDeps,
  sellerId: string,
  returnId: string,
  taskToken: string,
): Promise<void> => {
  const ret = await deps.returns.get(sellerId, returnId);
  if (!ret) throw new NotFoundError(`return ${returnId}`);
  if (TERMINAL_STATUSES.includes(ret.status))
    return deps.pipeline.abandon(taskToken, `the return is ${ret.status}`);
  if (isDeliveredOrLater(ret.status))
    return deps.pipeline.resume(taskToken, { trackingNumber: ret.trackingNumber ?? null });
  await applyCommand(deps, sellerId, returnId, { type: 'AWAIT_CARRIER', taskToken }, { kind: 'system' });
};
