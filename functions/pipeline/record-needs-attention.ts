import { clock, returns } from '../shared/dependencies/data.js';
import { recordStepFailure } from '../use-cases/record-step-failure.js';
import { RecordNeedsAttentionInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** RecordNeedsAttention: every Catch ends here, so no failure is silent. */
export const handler = pipelineTask(
  'RecordNeedsAttention',
  RecordNeedsAttentionInputSchema,
  async (input) => {
    await recordStepFailure(
      { returns, clock },
      input.sellerId,
      input.returnId,
      input.failedStep,
      input.error,
    );
    return {};
  },
);
