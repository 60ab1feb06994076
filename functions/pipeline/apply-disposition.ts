import { clock, returns } from '../shared/dependencies/data.js';
import { applyReturnDisposition } from '../use-cases/apply-return-disposition.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** ApplyDisposition: the inventory adjustments go on the return, which is COMPLETED. */
export const handler = pipelineTask('ApplyDisposition', TaskInputSchema, async (input) => {
  await applyReturnDisposition({ returns, clock }, input.sellerId, input.returnId);
  return {};
});
