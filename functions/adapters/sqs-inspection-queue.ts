import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { InspectionMessage } from '../../domain/inspection.js';
import type { InspectionQueue } from '../../domain/ports.js';
import { traceSdkClient } from '../shared/xray.js';

/**
 * One client per container, traced in Lambda; locally AWS_ENDPOINT_URL_SQS points it at the local SQS.
 * `useQueueUrlAsEndpoint: false` keeps requests on that endpoint: by default the SDK sends to the queue
 * URL's host when the two differ, and the local queue URLs' host (`sqs.<region>.localhost`) does not
 * resolve. In AWS both are the regional SQS endpoint, so this changes nothing there.
 */
const client = traceSdkClient(new SQSClient({ useQueueUrlAsEndpoint: false }));

/** The inspection queue on SQS: one message per result, its body the JSON of the message. */
export class SqsInspectionQueue implements InspectionQueue {
  constructor(
    private readonly queueUrl: string | undefined,
    private readonly sqs: SQSClient = client,
  ) {}

  async send(message: InspectionMessage): Promise<{ messageId: string }> {
    if (!this.queueUrl)
      throw new Error('INSPECTION_QUEUE_URL is not set: there is no inspection queue to send to');
    const { MessageId } = await this.sqs.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }),
    );
    if (!MessageId) throw new Error('SQS accepted the inspection result without a message id');
    return { messageId: MessageId };
  }
}

/** Only the functions that send inspection results are given INSPECTION_QUEUE_URL. */
export const inspectionQueueFromEnv = (): SqsInspectionQueue =>
  new SqsInspectionQueue(process.env.INSPECTION_QUEUE_URL);
