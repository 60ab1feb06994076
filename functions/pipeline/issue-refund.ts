import { clock, policies, returns } from '../shared/dependencies/data.js';
import { payments } from '../shared/dependencies/payments.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { issueRefund } from '../use-cases/issue-refund.js';
import { WaitingTaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/**
 * IssueRefund (.waitForTaskToken): record an inspected return's refund when it needs no approval (else
 * send the run to ComputeRefund), pay it (keyed by the return); once paid, apply the disposition
 * (COMPLETED; the refund's event mails the buyer); until then the run waits for the provider's event or
 * a mark-paid.
 */
export const handler = pipelineTask('IssueRefund', WaitingTaskInputSchema, async (input) => {
  const deps = { returns, clock, payments, pipeline, policies };
  await issueRefund(deps, input.sellerId, input.returnId, input.taskToken);
  return {};
});
