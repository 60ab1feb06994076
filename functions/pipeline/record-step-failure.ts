import { clock, returns } from '../shared/dependencies/data.js';
import { recordStepFailure } from '../use-cases/record-step-failure.js';
import { RecordStepFailureInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** RecordStepFailure: every Catch ends here, so no failure is silent. */
export const handler = pipelineTask('RecordStepFailure', RecordStepFailureInputSchema, async (input) => {
  await recordStepFailure({ returns, clock }, input.sellerId, input.returnId, input.failedStep, input.error);
  return {};
});
