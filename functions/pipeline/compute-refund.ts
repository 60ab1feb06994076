import { clock, policies, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { computeRefund } from '../use-cases/compute-refund.js';
import { WaitingTaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** ComputeRefund (.waitForTaskToken): record the refund; go on at once, or wait for the seller's approval. */
export const handler = pipelineTask('ComputeRefund', WaitingTaskInputSchema, async (input) => {
  const deps = { returns, policies, clock, pipeline };
  await computeRefund(deps, input.sellerId, input.returnId, input.taskToken);
  return {};
});
