import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { StripeControl } from '../../../infra/local/stand-ins/stripe/control.js';
import type { StripeRefund } from '../../../infra/local/stand-ins/stripe/ledger.js';
import { call } from './http.js';
import type { RunningStack } from './local-stack.js';

/** What the local runtime wrote to endpoints.json besides the API's and SES's addresses. */
interface Endpoints {
  dynamodb: string;
  stripe: string;
  sqs: string;
  sqsQueues: { inspection: string; inspectionDlq: string };
}

const endpointsOf = async (stack: RunningStack): Promise<Endpoints> =>
  JSON.parse(await readFile(join(stack.dataDir, 'endpoints.json'), 'utf8')) as Endpoints;

const LOCAL = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** Every refund Stripe (the stand-in `npm start` runs) made for a return, with its key: what the outside world saw. */
export const paymentsOf = async (stack: RunningStack, returnId: string) => {
  const { stripe } = await endpointsOf(stack);
  const { refunds } = (await (await fetch(`${stripe}/local/ledger`)).json()) as {
    refunds: Array<StripeRefund & { idempotencyKey?: string }>;
  };
  return refunds.filter((refund) => refund.metadata.returnId === returnId);
};

/** Switches the Stripe stand-in's failure mode, in its control file (`<dataDir>/stripe.json`). */
export const setPaymentMode = (stack: RunningStack, control: StripeControl): Promise<void> =>
  writeFile(join(stack.dataDir, 'stripe.json'), JSON.stringify(control));

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

/** The order's Stripe PaymentIntent: a demo seller's return with one is refunded through Stripe. */
export const paidByStripe = () => ({
  payment: { provider: 'stripe', paymentIntentId: `pi_${randomUUID().replaceAll('-', '')}` },
});
