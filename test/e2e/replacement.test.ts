import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call, mailTo } from './support/http.js';
import {
  describeRun,
  sendCarrierEvent,
  statesEntered,
  timelineTypes,
  waitForReturn,
} from './support/pipeline.js';
import { inspect, paidByStripe, paymentsOf } from './support/lifecycle.js';
import { BUYER_ADDRESS, createBody } from '../support/requests.js';

type Created = { id: string; rma: string; status: string };

const buyerOf = () => ({
  email: `buyer-${randomUUID()}@example.com`,
  locale: 'en-US',
  country: 'US',
  address: BUYER_ADDRESS,
});

/** Replacement as a resolution on `npm start`: the synthesized state machine, run locally, and the API. */
describe('a return resolved by a replacement, on the local runtime', () => {
  let stack: RunningStack;
  let key: string;
  const create = async (overrides: Record<string, unknown>) =>
    (
      await call<Created>(stack.api, '/v1/returns', {
        key,
        body: createBody({ ...paidByStripe(), ...overrides }),
      })
    ).body;
  const until = (id: string, status: string) => waitForReturn(stack, key, id, (r) => r.status === status);

  beforeAll(async () => {
    stack = await startLocalStack();
    key = stack.sellers[0]!.apiKey;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("replaces what the inspection resolved by REPLACE: no refund, IssueRefund sends it to ComputeRefund, and the shipment's tracking mailed", async () => {
    const buyer = buyerOf();
    const created = await create({ buyer, reason: 'DEFECTIVE' });
    const labelled = await until(created.id, 'LABEL_ISSUED');
    expect((await sendCarrierEvent(stack, 'ups', 'delivered', labelled.trackingNumber!)).status).toBe(200);
    await until(created.id, 'DELIVERED');
    await expect.poll(() => timelineTypes(stack, key, created.id)).toContain('AWAIT_INSPECTION');
    const inspection = {
      lines: [{ sku: 'SKU-1', grade: 'DAMAGED' }],
      disposition: 'DISPOSE',
      resolution: 'REPLACE',
    };
    expect((await inspect(stack, key, created.id, inspection)).status).toBe(200);

    const pending = await until(created.id, 'REPLACEMENT_PENDING');
    expect(pending).toMatchObject({
      replacement: { status: 'REQUESTED', items: [{ sku: 'SKU-1', quantity: 1 }] },
      inventoryAdjustments: [{ sku: 'SKU-1', quantity: 1, reservation: 'RESERVED' }],
      nextDeadline: { action: 'SHIP_REPLACEMENT', rule: { id: 'AMAZON_REPLACEMENT_2_BUSINESS_DAYS' } },
    });
    expect(pending.refund).toBeUndefined();
    // IssueRefund sends it to ComputeRefund, which requests the replacement; back at IssueRefund, with
    // nothing to pay, the run ends.
    await expect.poll(async () => (await describeRun(stack, created.id)).status).toBe('SUCCEEDED');
    expect(await statesEntered(stack, created.id)).toEqual([
      'IssueLabel',
      'AwaitInspection',
      'IssueRefund',
      'ComputeRefund',
      'IssueRefund',
    ]);
    expect(await paymentsOf(stack, created.id)).toEqual([]);

    const shipped = await call<Created>(stack.api, `/v1/returns/${created.id}/replacement/shipped`, {
      key,
      body: { trackingNumber: '1ZREPLACE7001', carrier: 'ups' },
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('COMPLETED');
    const mails = await mailTo(stack.ses, buyer.email, 4);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/has been approved/),
      expect.stringMatching(/received your return/),
      `A replacement is on its way for your return ${created.rma}`,
      `Your replacement for return ${created.rma} has shipped`,
    ]);
    expect(mails[3]!.body.text).toContain('1ZREPLACE7001');
    expect(await timelineTypes(stack, key, created.id)).toEqual(
      expect.arrayContaining(['RECORD_INSPECTION', 'REQUEST_REPLACEMENT', 'SHIP_REPLACEMENT']),
    );
  });

  it('replaces a returnless seller-fault return at once, and refunds it instead once through Stripe', async () => {
    const buyer = buyerOf();
    // Outside the demo policy's window: the seller authorizes it by hand.
    const created = await create({
      buyer,
      reason: 'DAMAGED_IN_TRANSIT',
      deliveredAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
    expect(created.status).toBe('AUTHORIZATION_REQUIRED');
    const authorized = await call(stack.api, `/v1/returns/${created.id}/authorize`, {
      key,
      body: { returnless: true, resolution: 'REPLACE' },
    });
    expect(authorized.body).toMatchObject({ status: 'AUTHORIZED', resolution: 'REPLACE' });
    await until(created.id, 'REPLACEMENT_PENDING');
    await expect.poll(async () => (await describeRun(stack, created.id)).status).toBe('SUCCEEDED');
    // Started at ComputeRefund: IssueLabel sends it on through Route.
    expect(await statesEntered(stack, created.id)).toEqual([
      'IssueLabel',
      'Route',
      'ComputeRefund',
      'IssueRefund',
    ]);

    const headers = { 'idempotency-key': `refund-instead-${created.id}` };
    const path = `/v1/returns/${created.id}/replacement/refund`;
    const answers = await Promise.all([
      call(stack.api, path, { key, headers, body: { reason: 'Out of stock' } }),
      call(stack.api, path, { key, body: { reason: 'Out of stock' } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const done = await until(created.id, 'COMPLETED');
    expect(done).toMatchObject({
      refund: { status: 'COMPLETED', amount: { amount: 2807 } },
      replacement: { status: 'REFUNDED_INSTEAD' },
    });
    const payments = await paymentsOf(stack, created.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amount: 2807, idempotencyKey: `${created.id}-refund` });
    expect(await statesEntered(stack, `${created.id}-refund-instead`)).toEqual([
      'IssueLabel',
      'Route',
      'IssueRefund',
    ]);
    const subjects = (await mailTo(stack.ses, buyer.email, 2)).map((m) => m.subject);
    expect(subjects).toEqual([
      `A replacement is on its way for your return ${created.rma}`,
      expect.stringMatching(/Your refund of \$28\.07/),
    ]);
  });
});
