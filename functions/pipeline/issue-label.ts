import { carrier } from '../shared/dependencies/carrier.js';
import { clock, policies, returns, sellers, notificationLedger } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { issueReturnLabel } from '../use-cases/issue-return-label.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** IssueLabel: buy the prepaid label, put it on the return, mail it to the buyer. */
export const handler = pipelineTask('IssueLabel', TaskInputSchema, (input) =>
  issueReturnLabel(
    { returns, sellers, mailer, notifications: notificationLedger, clock, policies, carrier },
    input.sellerId,
    input.returnId,
  ),
);
