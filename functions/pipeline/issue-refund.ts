import { clock, returns } from '../shared/dependencies/data.js';
import { payments } from '../shared/dependencies/payments.js';
import { issueRefund } from '../use-cases/issue-refund.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** IssueRefund: pay the refund (keyed by the return), mail the buyer, apply the disposition: COMPLETED. */
export const handler = pipelineTask('IssueRefund', TaskInputSchema, async (input) => {
  const deps = { returns, clock, payments };
  await issueRefund(deps, input.sellerId, input.returnId);
  return {};
});
