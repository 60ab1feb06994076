import { ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import {
  PIPELINE_TASKS,
  WAITING_STATES,
  type PipelineTaskName,
} from '../../../functions/pipeline/pipeline-contract.js';
import { lambdaContext } from '../../../infra/local/proxy-event.js';
import { toSqsRecord } from '../../../infra/local/sqs-poller.js';
import {
  ensureInspectionQueues,
  localSqsClient,
  type InspectionQueues,
} from '../../../infra/local/stand-ins/sqs.js';
import type { InspectionMessage } from '../../../domain/inspection.js';
import type { Label, Return, TimelineEntry } from '../../../domain/return.js';
import type { ReturnLine } from '../../../domain/return-request.js';
import { TEST_RETURN_ADDRESS } from '../../support/return-factory.js';
import { mailTo, type CapturedEmail } from './mailbox.js';
import { runTask } from './pipeline.js';
import { uniqueId } from './table.js';
import { newSeller } from './api.js';
import { connectStripe, ownStripe, stripePayment, type OwnStripe } from './stripe.js';
import type { StripeMode } from '../../../infra/local/stand-ins/stripe/control.js';
import { sendInspectionResult } from './warehouse.js';

/**
 * Shared setup for the refund tests (test/integration/refunds): the mail a return caused, the callbacks
 * the recording Step Functions API took, and the inspection queue's consumer fed from a queue of the
 * caller's own. What Stripe refunded is in ./stripe.ts.
 */

// --- Stripe ---------------------------------------------------------------------------------------------

let stripe: OwnStripe | undefined;

/** This test file's Stripe stand-in, started on first use; STRIPE_API_BASE points the handlers at it. */
const stripeOfFile = async (): Promise<OwnStripe> => (stripe ??= await ownStripe());

/** A seller whose refunds go through Stripe: connected by PUT /v1/integrations/stripe. */
export const refundSeller = async (): Promise<{ sellerId: string }> => {
  await stripeOfFile();
  const { sellerId } = await newSeller();
  await connectStripe(sellerId);
  return { sellerId };
};

/** What a refund test's return needs to be refunded through Stripe: the order's PaymentIntent. */
export const paidByStripe = () => ({ payment: stripePayment() });

/** Switches the stand-in's failure mode (infra/local/stand-ins/stripe/control.ts) for the next `times` refunds. */
export const setPaymentMode = async (mode: StripeMode, times?: number): Promise<void> =>
  (await stripeOfFile()).setMode(times === undefined ? { mode } : { mode, times });

export const stopStripe = async (): Promise<void> => {
  await stripe?.stop();
  stripe = undefined;
};

/** What Stripe refunded for a return, as its own ledger says, by the key each refund was made under. */
export const paymentsOf = async (ret: Pick<Return, 'id'>) =>
  (await stripeOfFile()).refundsOf(ret).map((refund) => ({
    idempotencyKey: refund.idempotencyKey,
    providerRef: refund.id,
    kind: refund.metadata.kind,
    returnId: refund.metadata.returnId,
    sellerId: refund.metadata.sellerId,
    amount: { amount: refund.amount, currency: refund.currency.toUpperCase() },
    status: refund.status,
    created: refund.created,
  }));

// --- returns ----------------------------------------------------------------------------------------------

/** A buyer no other test mails. */
export const newBuyer = () => ({
  email: `buyer-${ulid().toLowerCase()}@example.com`,
  locale: 'en-US',
  country: 'US',
});

/** One returned line in USD. */
export const line = (sku: string, unitPrice: number, tax: number, quantity = 1): ReturnLine => ({
  sku,
  category: 'electronics',
  quantity,
  unitPrice: { amount: unitPrice, currency: 'USD' },
  tax: { amount: tax, currency: 'USD' },
});

/** A label with its cost, as IssueLabel stores it (the factory's has no cost). */
export const labelWithCost = (
  cost: number,
  paidBy: Label['paidBy'],
): Pick<Return, 'label' | 'trackingNumber'> => {
  const trackingNumber = `1ZREF${uniqueId('t').slice(2).toUpperCase()}`;
  return {
    trackingNumber,
    label: {
      carrier: 'ups',
      trackingNumber,
      labelUrl: `https://labels.example.com/${trackingNumber}.pdf`,
      shipBy: '2026-11-20T00:00:00Z',
      paidBy,
      returnAddress: TEST_RETURN_ADDRESS,
      cost: { amount: cost, currency: 'USD' },
    },
  };
};

/** Timeline entries of one type. */
export const entriesOf = (ret: Return, type: string): TimelineEntry[] =>
  ret.timeline.filter((e) => e.type === type);

/** ISSUE_REFUND entries that recorded the refund as paid. */
export const refundCompletedEntries = (ret: Return): TimelineEntry[] =>
  entriesOf(ret, 'ISSUE_REFUND').filter((e) => e.data?.status === 'COMPLETED');

// --- pipeline tasks ---------------------------------------------------------------------------------------

/**
 * Runs a task's handler module for a return, as the state machine would: a waiting task gets a token
 * (a fresh one unless given), and IssueLabel the policy's 14-day ship-by window too.
 */
export const runStep = (task: PipelineTaskName, ret: Pick<Return, 'id' | 'sellerId'>, taskToken?: string) =>
  runTask(PIPELINE_TASKS[task], {
    sellerId: ret.sellerId,
    returnId: ret.id,
    correlationId: `refunds-${ret.id}`,
    ...((WAITING_STATES as readonly string[]).includes(task)
      ? { taskToken: taskToken ?? uniqueId('token') }
      : {}),
    ...(task === 'IssueLabel' ? { shipBySeconds: 14 * 86_400 } : {}),
  });

/** The error a step threw (its name is what the state machine's Retry and Catch match). */
export const failureOf = async (step: Promise<unknown>): Promise<Error> => {
  try {
    await step;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the step was expected to fail, and succeeded');
};

// --- mail -------------------------------------------------------------------------------------------------

/** Subjects of the en-US mails the refund half of the lifecycle sends, by kind. */
export const SUBJECTS = {
  RETURN_AUTHORIZED: /has been approved/,
  RETURN_RECEIVED: /received your return/,
  REFUND_ISSUED: /Your refund of .* has been issued/,
  REFUND_REJECTED: /An update on the refund/,
  REFUND_APPROVAL_REQUIRED: /^Approval needed/,
} as const;

const about = (mails: CapturedEmail[], ret: Pick<Return, 'rma'>, subject: RegExp) =>
  mails.filter((m) => subject.test(m.subject) && m.subject.includes(ret.rma));

/** Mail the return's buyer got whose subject matches (and names the return's RMA). */
export const buyerMails = async (ret: Pick<Return, 'rma' | 'buyer'>, subject: RegExp) =>
  about(await mailTo(ret.buyer.email), ret, subject);

/** Mail the seller got about this return (newSeller's sellers are `<sellerId>@sellers.example`). */
export const sellerMails = async (ret: Pick<Return, 'rma' | 'sellerId'>, subject: RegExp) =>
  about(await mailTo(`${ret.sellerId}@sellers.example`), ret, subject);

// --- the recording Step Functions API ---------------------------------------------------------------------

export interface RecordedCallback {
  kind: 'success' | 'failure' | 'heartbeat';
  taskToken: string;
  output?: unknown;
  error?: string;
  cause?: string;
}

/** The SendTaskSuccess/Failure calls the recorder accepted for one token (it accepts a token once). */
export const recordedCallbacks = async (taskToken: string): Promise<RecordedCallback[]> => {
  const response = await fetch(`${process.env.AWS_ENDPOINT_URL_SFN!}/local/recorded`);
  const { callbacks } = (await response.json()) as { callbacks: RecordedCallback[] };
  return callbacks.filter((c) => c.taskToken === taskToken);
};

/** The runs the recorder was asked to start for a return (by any name), with their inputs. */
export const recordedRunsOf = async (
  returnId: string,
): Promise<Array<{ name: string; input: Record<string, unknown> }>> => {
  const response = await fetch(`${process.env.AWS_ENDPOINT_URL_SFN!}/local/recorded`);
  const { executions } = (await response.json()) as { executions: Array<{ name: string; input: unknown }> };
  return executions
    .map(({ name, input }) => ({
      name,
      input: (typeof input === 'string' ? JSON.parse(input) : input) as Record<string, unknown>,
    }))
    .filter((run) => run.input.returnId === returnId);
};

// --- the inspection queue and its consumer ----------------------------------------------------------------

/**
 * A queue of the caller's own on the shared local SQS (short visibility timeout, so a message not deleted
 * comes back soon, as after a consumer whose delete was lost), and the real consumer handler fed with
 * events built from what it receives, exactly as the local poller builds them.
 */
export const ownInspectionQueue = async () => {
  const endpoint = process.env.AWS_ENDPOINT_URL_SQS!;
  const queues: InspectionQueues = await ensureInspectionQueues(endpoint, uniqueId('refunds'), {
    visibilityTimeoutSeconds: 1,
  });
  const client = localSqsClient(endpoint);

  /** Sends a message and answers its id. */
  const send = (message: InspectionMessage): Promise<string> =>
    sendInspectionResult(client, queues.queueUrl, message);

  /** Receives until every wanted message id is in hand (each once), within 10 s. */
  const receive = async (messageIds: string[]): Promise<Message[]> => {
    const wanted = new Set(messageIds);
    const received = new Map<string, Message>();
    const deadline = Date.now() + 10_000;
    while (received.size < wanted.size && Date.now() < deadline) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queues.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      for (const m of Messages) if (wanted.has(m.MessageId!)) received.set(m.MessageId!, m);
    }
    if (received.size < wanted.size) throw new Error(`messages not received: ${messageIds.join(', ')}`);
    return messageIds.map((id) => received.get(id)!);
  };

  const eventOf = (messages: Message[]): SQSEvent => ({
    Records: messages.map((m) => toSqsRecord(m, queues.queueArn, 'us-east-1')),
  });

  /** Invokes the real consumer handler with these messages as one batch. */
  const consume = async (messages: Message[]): Promise<SQSBatchResponse> => {
    const { handler } = await import('../../../functions/consumers/inspection-results.js');
    return handler(eventOf(messages), lambdaContext('InspectionResults', 10_000));
  };

  return { queues, send, receive, consume, destroy: () => client.destroy() };
};
