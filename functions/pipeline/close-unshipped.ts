import { clock, returns } from '../shared/dependencies/data.js';
import { labels } from '../shared/dependencies/carrier.js';
import { closeUnshipped } from '../use-cases/close-unshipped.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** CloseUnshipped: IssueLabel's ship-by window passed without a delivery. */
export const handler = pipelineTask('CloseUnshipped', TaskInputSchema, async (input) => {
  await closeUnshipped({ returns, clock, labels }, input.sellerId, input.returnId);
  return {};
});
