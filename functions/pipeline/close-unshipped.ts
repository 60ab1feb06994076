import { clock, returns, sellers, notificationLedger } from '../shared/dependencies/data.js';
import { mailer } from '../shared/dependencies/mail.js';
import { closeUnshippedReturn } from '../use-cases/close-unshipped-return.js';
import { TaskInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** CloseUnshipped: WaitForCarrier timed out at the ship-by date. */
export const handler = pipelineTask('CloseUnshipped', TaskInputSchema, async (input) => {
  await closeUnshippedReturn(
    { returns, sellers, mailer, notifications: notificationLedger, clock },
    input.sellerId,
    input.returnId,
  );
  return {};
});
