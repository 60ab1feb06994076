import { clock, policies, returns } from '../shared/dependencies/data.js';
import { checkRefundWait } from '../use-cases/check-refund-wait.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** CheckRefundWait: remind the seller of a refund owed by hand, or give up on one past its limit. */
export const handler = pipelineTask('CheckRefundWait', TaskInputSchema, async (input) => {
  await checkRefundWait({ returns, policies, clock }, input.sellerId, input.returnId);
  return {};
});
