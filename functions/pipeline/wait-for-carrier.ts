import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { awaitCarrier } from '../use-cases/await-carrier.js';
import { WaitingTaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** WaitForCarrier (.waitForTaskToken): leave the token on the return; the carrier's delivery resumes the run. */
export const handler = pipelineTask('WaitForCarrier', WaitingTaskInputSchema, async (input) => {
  await awaitCarrier({ returns, clock, pipeline }, input.sellerId, input.returnId, input.taskToken);
  return {};
});
