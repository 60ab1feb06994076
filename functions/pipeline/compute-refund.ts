import { clock, notificationLedger, policies, returns, sellers } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { computeReturnRefund } from '../use-cases/compute-return-refund.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** ComputeRefund: the refund and its breakdown, at `$.refund`; NeedsApproval reads `requiresApproval`. */
export const handler = pipelineTask('ComputeRefund', TaskInputSchema, (input) =>
  computeReturnRefund(
    { returns, sellers, policies, clock, mailer, notifications: notificationLedger },
    input.sellerId,
    input.returnId,
  ),
);
