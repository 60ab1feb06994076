import { carrier, clock, mailer, policies, returns, sellers } from '../shared/dependencies.js';
import { issueReturnLabel } from '../use-cases/issue-return-label.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** IssueLabel: buy the prepaid label, put it on the return, mail it to the buyer. */
export const handler = pipelineTask('IssueLabel', TaskInputSchema, (input) =>
  issueReturnLabel({ returns, sellers, mailer, clock, policies, carrier }, input.sellerId, input.returnId),
);
