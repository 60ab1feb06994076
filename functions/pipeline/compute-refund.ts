import { clock, notificationLedger, policies, returns, sellers } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { computeRefund } from '../use-cases/compute-refund.js';
import { WaitingTaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** ComputeRefund (.waitForTaskToken): record the refund; go on at once, or wait for the seller's approval. */
export const handler = pipelineTask('ComputeRefund', WaitingTaskInputSchema, async (input) => {
  const deps = { returns, sellers, policies, clock, pipeline, mailer, notifications: notificationLedger };
  await computeRefund(deps, input.sellerId, input.returnId, input.taskToken);
  return {};
});
