import type * as z from '../../domain/zod.js';
import type { CancelBodySchema } from '../../domain/api-schemas.js';
import type { Return } from '../../domain/return.js';
import { applyCommand } from './apply-command.js';
import { releaseWaitingRun } from './release-waiting-run.js';
import type { PipelinePort } from '../../domain/ports.js';
import { voidUnusedLabel, type VoidLabelDeps } from './void-label.js';

/**
 * Records the buyer's cancellation, relayed by the seller's storefront:
 * 1. apply CANCEL as the buyer (refused once the parcel is on its way); its `return.cancelled` event,
 *    written with it, mails the seller;
 * 2. let a run that waits for the carrier go, and void a label the carrier never scanned.
 */
export const cancelReturn = async (
  deps: VoidLabelDeps & { pipeline: PipelinePort },
  sellerId: string,
  id: string,
  body: z.infer<typeof CancelBodySchema>,
): Promise<Return> => {
  const ret = await applyCommand(deps, sellerId, id, { type: 'CANCEL', ...body }, { kind: 'buyer' });
  await releaseWaitingRun(deps.pipeline, ret);
  return (await voidUnusedLabel(deps, sellerId, id)) ?? ret;
};
