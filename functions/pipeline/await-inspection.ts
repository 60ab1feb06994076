import { clock, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { awaitInspection } from '../use-cases/await-inspection.js';
import { WaitingTaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** AwaitInspection (.waitForTaskToken): leave the token on the return; the inspection consumer resumes the run. */
export const handler = pipelineTask('AwaitInspection', WaitingTaskInputSchema, async (input) => {
  const deps = { returns, clock, pipeline };
  await awaitInspection(deps, input.sellerId, input.returnId, input.taskToken);
  return {};
});
