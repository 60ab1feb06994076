import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ReturnsFunction } from './returns-function.js';

/**
 * Lets a function send inspection results to the inspection queue and sets INSPECTION_QUEUE_URL in the
 * same call, so the grant and the configuration can't drift apart. The grant is the queue's own
 * `grantSendMessages` (sqs:SendMessage, plus GetQueueAttributes/GetQueueUrl) on this queue only; the
 * queue is SQS-managed SSE, so no KMS key is involved.
 */
export const bindInspectionQueue = (fn: ReturnsFunction, queue: IQueue): void => {
  fn.function.addEnvironment('INSPECTION_QUEUE_URL', queue.queueUrl);
  queue.grantSendMessages(fn.function);
};
