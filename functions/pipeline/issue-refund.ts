import { clock, notificationLedger, returns, sellers } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { payments } from '../shared/dependencies/payments.js';
import { issueReturnRefund } from '../use-cases/issue-return-refund.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** IssueRefund: pay the refund through the payment port, keyed by the return, and mail the buyer. */
export const handler = pipelineTask('IssueRefund', TaskInputSchema, async (input) => {
  const deps = { returns, sellers, clock, mailer, notifications: notificationLedger, payments };
  await issueReturnRefund(deps, input.sellerId, input.returnId);
  return {};
});
