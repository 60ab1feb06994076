import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fakePaymentsOf } from '../../../functions/adapters/fake-payment-provider.js';
import { call } from './http.js';
import type { RunningStack } from './local-stack.js';

/** What the local runtime wrote to endpoints.json besides the API's and SES's addresses. */
interface Endpoints {
  dynamodb: string;
  sqs: string;
  sqsQueues: { inspection: string; inspectionDlq: string };
}

const endpointsOf = async (stack: RunningStack): Promise<Endpoints> =>
  JSON.parse(await readFile(join(stack.dataDir, 'endpoints.json'), 'utf8')) as Endpoints;

const LOCAL = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** The local runtime's table, where the fake payment provider keeps its ledger. */
const TABLE_NAME = 'returns-local';

/** Every payment the fake provider recorded for a return: what the outside world saw. */
export const paymentsOf = async (stack: RunningStack, returnId: string) => {
  const { dynamodb } = await endpointsOf(stack);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...LOCAL, endpoint: dynamodb }));
  try {
    return await fakePaymentsOf({ client, tableName: TABLE_NAME }, returnId);
  } finally {
    client.destroy();
  }
};

/** Tells the fake payment provider how to behave, as FAKE_PAYMENT_CONTROL_FILE says. */
export const setPaymentMode = (
  stack: RunningStack,
  control: { mode: 'succeed' | 'fail' | 'timeout-after-charge' | 'crash-after-charge'; times?: number },
): Promise<void> => writeFile(join(stack.dataDir, 'fake-payments.json'), JSON.stringify(control));

/** `POST /v1/returns/{id}/inspection`, as a warehouse integration would send it. */
export const inspect = (stack: RunningStack, key: string, id: string, inspection: Record<string, unknown>) =>
  call(stack.api, `/v1/returns/${id}/inspection`, { key, body: inspection });

const sqs = async (stack: RunningStack) => {
  const endpoints = await endpointsOf(stack);
  return { client: new SQSClient({ ...LOCAL, endpoint: endpoints.sqs }), queues: endpoints.sqsQueues };
};

/** A message put straight on the inspection queue, as a warehouse system would (bypassing the API). */
export const sendToInspectionQueue = async (stack: RunningStack, body: string): Promise<void> => {
  const { client, queues } = await sqs(stack);
  try {
    await client.send(new SendMessageCommand({ QueueUrl: queues.inspection, MessageBody: body }));
  } finally {
    client.destroy();
  }
};

/** The bodies waiting in the inspection dead-letter queue (received with a zero visibility timeout, so they stay). */
export const deadLetters = async (stack: RunningStack): Promise<string[]> => {
  const { client, queues } = await sqs(stack);
  try {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queues.inspectionDlq,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 1,
      }),
    );
    return Messages.map((m) => m.Body ?? '');
  } finally {
    client.destroy();
  }
};
