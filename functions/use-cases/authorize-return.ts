import type * as z from '../../domain/zod.js';
import type { AuthorizeBodySchema } from '../../domain/api-schemas.js';
import type { Return } from '../../domain/return.js';
import { applyCommand } from './apply-command.js';
import { startPipeline, type StartPipelineDeps } from './start-pipeline.js';

/**
 * The seller authorizes a request:
 * 1. apply AUTHORIZE (refused unless the request is waiting for it);
 * 2. hand the return to the pipeline, which issues the label.
 */
export const authorizeReturn = async (
  deps: StartPipelineDeps,
  sellerId: string,
  id: string,
  body: z.infer<typeof AuthorizeBodySchema>,
  correlationId: string,
): Promise<Return> => {
  const ret = await applyCommand(
    deps,
    sellerId,
    id,
    { type: 'AUTHORIZE', ...body },
    { kind: 'seller', id: sellerId },
  );
  return startPipeline(deps, ret, correlationId);
};
