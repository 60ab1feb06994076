import { randomInt, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildCarrierPayload, type SimulatedEvent } from '../infra/local/carrier-simulator.js';
import { signatureHeader } from '../functions/webhooks/signature.js';
import { createBody } from '../test/support/requests.js';
import { isBackgroundCall } from './background-work.js';
import type { MeasuredStack } from './cost-stack.js';

/** How long nothing may happen before a step counts as done: the pipeline moves on its own. */
const QUIET_MS = 1_500;
const STEP_MS = 60_000;

/** Seven random digits: each return is for an order of its own. */
const digits = () => String(randomInt(10_000_000)).padStart(7, '0');

/** What the scenario sent to the stack's public edges. */
export interface ScenarioTraffic {
  apiRequests: number;
  sqsMessagesSent: number;
}

/**
 * One happy-path return through the stack's public edges only, as a seller, a carrier and a warehouse
 * would drive it: create with an Idempotency-Key (the demo policy authorizes it), the label, in transit
 * and delivered (signed carrier webhooks), the inspection result on the inspection queue, then refund,
 * disposition and completion on their own; three seller GETs along the way. Each step waits until the
 * stack has been quiet (no DynamoDB call, no invocation, no state) for a while, so no polling adds to
 * the counts.
 */
export const runHappyPath = async (stack: MeasuredStack): Promise<ScenarioTraffic> => {
  const seller = stack.sellers[0]!;
  const traffic: ScenarioTraffic = { apiRequests: 0, sqsMessagesSent: 0 };

  // Polling is not activity: the outbox pollers Query every 250 ms, so the stack is never quiet otherwise.
  const activity = async () =>
    stack.proxy.calls.filter((c) => !isBackgroundCall(c)).length + (await stack.probeEvents()).length;
  const settle = async (step: string, before: number) => {
    const deadline = Date.now() + STEP_MS;
    let last = await activity();
    let quietSince = Date.now();
    for (;;) {
      await sleep(100);
      const now = await activity();
      if (now !== last) [last, quietSince] = [now, Date.now()];
      else if (now > before && Date.now() - quietSince >= QUIET_MS) return;
      if (Date.now() > deadline) throw new Error(`the stack did nothing after ${step}`);
    }
  };
  const api = async <T>(path: string, init: RequestInit & { seller?: boolean } = {}): Promise<T> => {
    traffic.apiRequests += 1;
    const headers = new Headers(init.headers);
    if (init.seller !== false) headers.set('authorization', `Bearer ${seller.apiKey}`);
    const response = await fetch(`${stack.api}${path}`, { ...init, headers });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const step = async <T>(name: string, act: () => Promise<T>): Promise<T> => {
    const before = await activity();
    const result = await act();
    await settle(name, before);
    return result;
  };
  const carrier = (event: SimulatedEvent, trackingNumber: string) =>
    step(event, async () => {
      const secrets = JSON.parse(await readFile(join(stack.dataDir, 'carriers.json'), 'utf8')) as Record<
        string,
        string
      >;
      const raw = JSON.stringify(buildCarrierPayload('ups', event, trackingNumber));
      await api('/v1/webhooks/carriers/ups', {
        method: 'POST',
        seller: false,
        body: raw,
        headers: {
          'content-type': 'application/json',
          'x-signature': signatureHeader(secrets.ups!, Math.floor(Date.now() / 1000), raw),
        },
      });
    });
  const read = (id: string) => api<{ status: string; trackingNumber?: string }>(`/v1/returns/${id}`);

  const created = await step('create', () =>
    api<{ id: string }>('/v1/returns', {
      method: 'POST',
      // Paid by card: the demo seller's refund goes through Stripe (the stand-in), as on a happy path.
      body: JSON.stringify(
        createBody({
          orderId: `113-${digits()}-${digits()}`,
          payment: { provider: 'stripe', paymentIntentId: `pi_bench${digits()}` },
        }),
      ),
      // As the walkthrough creates one: an integrator retries safely with its own key.
      headers: { 'content-type': 'application/json', 'idempotency-key': `cost-${randomUUID()}` },
    }),
  );
  const labelled = await read(created.id);
  if (labelled.status !== 'LABEL_ISSUED' || !labelled.trackingNumber) {
    throw new Error(`return ${created.id} is ${labelled.status} after create, not LABEL_ISSUED`);
  }
  await carrier('in-transit', labelled.trackingNumber);
  await carrier('delivered', labelled.trackingNumber);

  await step('inspection', async () => {
    const sqs = new SQSClient({
      endpoint: stack.sqs,
      region: 'us-east-1',
      credentials: { accessKeyId: 'warehouse', secretAccessKey: 'warehouse' },
    });
    try {
      traffic.sqsMessagesSent += 1;
      const message = {
        returnId: created.id,
        sellerId: seller.sellerId,
        lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }],
        disposition: 'RESTOCK',
        inspector: 'dock-7',
      };
      await sqs.send(
        new SendMessageCommand({ QueueUrl: stack.inspectionQueueUrl, MessageBody: JSON.stringify(message) }),
      );
    } finally {
      sqs.destroy();
    }
  });

  const done = await read(created.id);
  if (done.status !== 'COMPLETED')
    throw new Error(`return ${created.id} ended ${done.status}, not COMPLETED`);
  await api(`/v1/returns/${created.id}/events`);
  return traffic;
};
