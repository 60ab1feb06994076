import type * as z from '../../domain/zod.js';
import type { CloseBodySchema } from '../../domain/api-schemas.js';
import type { Return } from '../../domain/return.js';
import { applyCommand } from './apply-command.js';
import { releaseWaitingRun } from './release-waiting-run.js';
import type { PipelinePort } from '../../domain/ports.js';
import { voidUnusedLabel, type VoidLabelDeps } from './void-label.js';

/**
 * Closes a request for the seller:
 * 1. apply CLOSE with the seller's reason and comment (refused unless the return is still open); its
 *    `return.closed` event, written with it, mails the buyer the reason and the comment;
 * 2. let a run that waits for the carrier go, and void a label the carrier never scanned.
 */
export const closeReturn = async (
  deps: VoidLabelDeps & { pipeline: PipelinePort },
  sellerId: string,
  id: string,
  body: z.infer<typeof CloseBodySchema>,
): Promise<Return> => {
  const ret = await applyCommand(
    deps,
    sellerId,
    id,
    { type: 'CLOSE', ...body },
    { kind: 'seller', id: sellerId },
  );
  await releaseWaitingRun(deps.pipeline, ret);
  return (await voidUnusedLabel(deps, sellerId, id)) ?? ret;
};
