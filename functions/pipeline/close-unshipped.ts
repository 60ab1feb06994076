import { clock, returns } from '../shared/dependencies/data.js';
import { closeUnshipped } from '../use-cases/close-unshipped.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** CloseUnshipped: IssueLabel's ship-by window passed without a delivery. */
export const handler = pipelineTask('CloseUnshipped', TaskInputSchema, async (input) => {
  await closeUnshipped({ returns, clock }, input.sellerId, input.returnId);
  return {};
});
