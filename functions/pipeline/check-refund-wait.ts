import { clock, notificationLedger, policies, returns, sellers } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { checkRefundWait } from '../use-cases/check-refund-wait.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** CheckRefundWait: remind the seller of a refund owed by hand, or give up on one past its limit. */
export const handler = pipelineTask('CheckRefundWait', TaskInputSchema, async (input) => {
  const deps = { returns, sellers, policies, clock, mailer, notifications: notificationLedger };
  await checkRefundWait(deps, input.sellerId, input.returnId);
  return {};
});
