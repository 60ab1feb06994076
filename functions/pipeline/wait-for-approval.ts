import { clock, notificationLedger, returns, sellers } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { awaitApproval } from '../use-cases/await-approval.js';
import { WaitingTaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** WaitForApproval (.waitForTaskToken): leave the token on the return; the seller's approve or reject ends the wait. */
export const handler = pipelineTask('WaitForApproval', WaitingTaskInputSchema, async (input) => {
  const deps = { returns, sellers, clock, pipeline, mailer, notifications: notificationLedger };
  await awaitApproval(deps, input.sellerId, input.returnId, input.taskToken);
  return {};
});
