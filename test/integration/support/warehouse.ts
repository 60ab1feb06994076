import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { InspectionMessage } from '../../../domain/inspection.js';

/**
 * What a warehouse system does (with IAM rights on the queue, no function of ours in between): puts one
 * inspection result on the inspection queue, its body the JSON of the message. Answers the message id.
 */
export const sendInspectionResult = async (
  sqs: SQSClient,
  queueUrl: string,
  message: InspectionMessage,
): Promise<string> => {
  const { MessageId } = await sqs.send(
    new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }),
  );
  if (!MessageId) throw new Error('SQS accepted the inspection result without a message id');
  return MessageId;
};
