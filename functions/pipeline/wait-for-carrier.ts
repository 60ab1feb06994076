import { clock, pipeline, returns } from '../shared/dependencies.js';
import { awaitCarrier } from '../use-cases/await-carrier.js';
import { WaitForCarrierInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** WaitForCarrier (.waitForTaskToken): leave the token on the return; the carrier's delivery resumes the run. */
export const handler = pipelineTask('WaitForCarrier', WaitForCarrierInputSchema, async (input) => {
  await awaitCarrier({ returns, clock, pipeline }, input.sellerId, input.returnId, input.taskToken);
  return {};
});
