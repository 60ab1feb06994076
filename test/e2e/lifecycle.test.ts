import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call, capturedEmails, mailTo, type CapturedEmail } from './support/http.js';
import { describeRun, sendCarrierEvent, timelineTypes, waitForReturn } from './support/pipeline.js';
import {
  deadLetters,
  inspect,
  paidByStripe,
  paymentsOf,
  sendToInspectionQueue,
} from './support/lifecycle.js';
import { BUYER_ADDRESS, createBody } from '../support/requests.js';

type Created = { id: string; rma: string; status: string };
type Line = { kind: string; amount: number; sku?: string };
type Read = Record<string, unknown> & {
  status: string;
  trackingNumber?: string;
  refund?: { status: string; amount: { amount: number }; breakdown: Line[]; providerRef?: string };
  inventoryAdjustments?: { sku: string; quantity: number; disposition: string }[];
  closure?: { reason: string; comment?: string };
};

const buyerOf = () => ({
  email: `buyer-${randomUUID()}@example.com`,
  locale: 'en-US',
  country: 'US',
  address: BUYER_ADDRESS,
});
const item = (unitPrice: number, tax: number) => ({
  sku: 'SKU-1',
  category: 'electronics',
  quantity: 1,
  unitPrice: { amount: unitPrice, currency: 'USD' },
  tax: { amount: tax, currency: 'USD' },
});
const subjects = (mails: CapturedEmail[]) => mails.map((m) => m.subject);
const SELLER_EMAIL = 'returns@acme-outdoor.example';
const aboutReturn = (mail: CapturedEmail, id: string) =>
  mail.destination.to.includes(SELLER_EMAIL) && (mail.body.text ?? '').includes(id);

/** The whole lifecycle on `npm start`: create, authorize, deliver, inspect, refund, complete. */
describe('a return from request to restocked shelf, on the local runtime', () => {
  let stack: RunningStack;
  let key: string;

  const read = async (id: string) => (await call<Read>(stack.api, `/v1/returns/${id}`, { key })).body;
  const until = (id: string, status: string) =>
    waitForReturn(stack, key, id, (r) => r.status === status) as Promise<Read>;
  const create = async (overrides: Record<string, unknown>) =>
    (
      await call<Created>(stack.api, '/v1/returns', {
        key,
        body: createBody({ ...paidByStripe(), ...overrides }),
      })
    ).body;

  /** Creates a return (auto-authorized by the demo policy), follows it to DELIVERED and inspects it. */
  const deliverAndInspect = async (
    overrides: Record<string, unknown>,
    inspection: Record<string, unknown>,
  ) => {
    const created = await create(overrides);
    const labelled = await until(created.id, 'LABEL_ISSUED');
    expect((await sendCarrierEvent(stack, 'ups', 'delivered', labelled.trackingNumber!)).status).toBe(200);
    await until(created.id, 'DELIVERED');
    await expect.poll(() => timelineTypes(stack, key, created.id)).toContain('AWAIT_INSPECTION');
    expect((await inspect(stack, key, created.id, inspection)).status).toBe(200);
    return created;
  };

  beforeAll(async () => {
    stack = await startLocalStack(undefined, { LOCAL_INSPECTION_VISIBILITY_SECONDS: '1' });
    key = stack.sellers[0]!.apiKey;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refunds a defective item in full, restocks it, completes, and mails the buyer at each step', async () => {
    const buyer = buyerOf();
    const created = await deliverAndInspect(
      { buyer, items: [item(2599, 208)], reason: 'DEFECTIVE' },
      { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK', inspector: 'dock-7' },
    );
    const done = await until(created.id, 'COMPLETED');

    expect(done.refund).toMatchObject({ status: 'COMPLETED', amount: { amount: 2807, currency: 'USD' } });
    expect(done.refund!.breakdown.map((l) => l.kind)).toEqual(['ITEM', 'TAX']);
    expect(done.inventoryAdjustments).toMatchObject([{ sku: 'SKU-1', quantity: 1, disposition: 'RESTOCK' }]);
    const payments = await paymentsOf(stack, created.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amount: 2807, currency: 'usd', metadata: { kind: 'REFUND' } });
    expect(done.refund!.providerRef).toBe(payments[0]!.id);

    const mails = await mailTo(stack.ses, buyer.email, 3);
    expect(mails).toHaveLength(3);
    const [label, received, refunded] = mails;
    expect(label!.body.text).toContain(done.trackingNumber!);
    expect(label!.body.text).toContain(created.rma);
    expect(received!.body.text).toContain(created.rma);
    expect(refunded!.body.text).toContain('$28.07');
    expect(new Set(subjects(mails)).size).toBe(3);

    // Stripe's refund.created webhook races IssueRefund's own write: whichever comes first records the
    // refund paid (REFUNDED), once; the other changes nothing.
    const events = (
      await call<{ items: Array<{ type: string; from: string; to: string }> }>(
        stack.api,
        `/v1/returns/${created.id}/events`,
        {
          key,
        },
      )
    ).body.items;
    const paid = events.filter((e) => e.from !== 'REFUNDED' && e.to === 'REFUNDED');
    expect(paid).toHaveLength(1);
    expect(events.map((e) => e.type).filter((type) => type !== 'REFUND_EVENT')).toEqual([
      'CREATED',
      'AUTHORIZE',
      // Acme buys through EasyPost: the shipment is recorded on the return before it is bought.
      'ORDER_LABEL',
      'ISSUE_LABEL',
      'TRACKING_EVENT',
      'AWAIT_INSPECTION',
      'RECORD_INSPECTION',
      'COMPUTE_REFUND',
      'ISSUE_REFUND',
      ...(paid[0]!.type === 'ISSUE_REFUND' ? ['ISSUE_REFUND'] : []),
      'APPLY_DISPOSITION',
    ]);
    await expect.poll(async () => (await describeRun(stack, created.id)).status).toBe('SUCCEEDED');
  });

  it('charges the restocking fee and the label on a used item returned for a change of mind', async () => {
    const created = await deliverAndInspect(
      { buyer: buyerOf(), items: [item(10_000, 800)], reason: 'NO_LONGER_NEEDED' },
      { lines: [{ sku: 'SKU-1', grade: 'USED' }], disposition: 'RESTOCK' },
    );
    const done = await until(created.id, 'COMPLETED');
    const lines = done.refund!.breakdown;
    // The demo policy charges 15% on USED items: 15.00 of 100.00.
    expect(lines.find((l) => l.kind === 'RESTOCKING_FEE')?.amount).toBe(-1500);
    expect(lines.find((l) => l.kind === 'RETURN_SHIPPING')?.amount).toBeLessThan(0);
    expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(done.refund!.amount.amount);
    expect(done.inventoryAdjustments).toMatchObject([{ disposition: 'RESELL_AS_RENEWED', quantity: 1 }]);
    expect(await paymentsOf(stack, created.id)).toHaveLength(1);
  });

  it('holds a high-value refund for approval, mails the seller, and pays it once when approved', async () => {
    const created = await deliverAndInspect(
      { buyer: buyerOf(), items: [item(60_000, 4_800)] },
      { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' },
    );
    await until(created.id, 'REFUND_PENDING_APPROVAL');
    // The refund and the run's approval token went on the return in one write.
    expect(await timelineTypes(stack, key, created.id)).toContain('COMPUTE_REFUND');
    // The demo seller Acme Outdoor (infra/local/demo-sellers.ts) is told that an approval waits.
    await expect
      .poll(async () => (await capturedEmails(stack.ses)).filter((m) => aboutReturn(m, created.id)).length)
      .toBe(1);
    expect(await paymentsOf(stack, created.id)).toHaveLength(0);

    const [first, second] = await Promise.all([
      call(stack.api, `/v1/returns/${created.id}/refund/approve`, { key, method: 'POST' }),
      call(stack.api, `/v1/returns/${created.id}/refund/approve`, { key, method: 'POST' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const done = await until(created.id, 'COMPLETED');
    expect(done.refund!.amount.amount).toBe(64_800);
    expect(await paymentsOf(stack, created.id)).toHaveLength(1);
  });

  it('closes the return when the seller rejects the refund, and tells the buyer why', async () => {
    const buyer = buyerOf();
    const created = await deliverAndInspect(
      { buyer, items: [item(60_000, 4_800)] },
      { lines: [{ sku: 'SKU-1', grade: 'DAMAGED' }], disposition: 'DISPOSE' },
    );
    await until(created.id, 'REFUND_PENDING_APPROVAL');
    const rejected = await call<Read>(stack.api, `/v1/returns/${created.id}/refund/reject`, {
      key,
      body: { reason: 'The damage is not covered: the seal was broken by the buyer' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.closure).toEqual({
      reason: 'REFUND_REJECTED',
      comment: 'The damage is not covered: the seal was broken by the buyer',
    });
    const mails = await mailTo(stack.ses, buyer.email, 3);
    expect(mails).toHaveLength(3);
    expect(mails[2]!.body.text).toContain('the seal was broken by the buyer');
    await expect.poll(async () => (await describeRun(stack, created.id)).status).toBe('SUCCEEDED');
    expect(await paymentsOf(stack, created.id)).toHaveLength(0);
    expect((await read(created.id)).status).toBe('CLOSED');
  });

  it('refunds a returnless return in full with no label and no waits; the buyer keeps the item', async () => {
    const buyer = buyerOf();
    // Under the demo policy's returnless threshold (USD 10.00): the buyer keeps it.
    const created = await create({ buyer, items: [item(599, 48)], reason: 'NO_LONGER_NEEDED' });
    const done = await until(created.id, 'COMPLETED');
    expect(done.label).toBeUndefined();
    expect(done.refund).toMatchObject({ status: 'COMPLETED', amount: { amount: 647 } });
    expect(done.refund!.breakdown.map((l) => l.kind)).toEqual(['ITEM', 'TAX']);
    expect(done.inventoryAdjustments).toMatchObject([{ disposition: 'BUYER_KEEPS', quantity: 1 }]);
    const types = await timelineTypes(stack, key, created.id);
    expect(types).not.toContain('ISSUE_LABEL');
    expect(types).not.toContain('AWAIT_INSPECTION');
    const mails = await mailTo(stack.ses, buyer.email, 2);
    expect(mails).toHaveLength(2);
    expect(await paymentsOf(stack, created.id)).toHaveLength(1);
  });

  it('sends a poison inspection message to the DLQ without holding up a valid one', async () => {
    const poison = JSON.stringify({ returnId: 'not-a-return', lines: 'all fine', marker: randomUUID() });
    await sendToInspectionQueue(stack, poison);
    const created = await deliverAndInspect(
      { buyer: buyerOf(), items: [item(2599, 208)] },
      { lines: [{ sku: 'SKU-1', grade: 'OPENED' }], disposition: 'RESTOCK' },
    );
    await until(created.id, 'COMPLETED');
    await expect.poll(() => deadLetters(stack), { timeout: 20_000, interval: 500 }).toContain(poison);
  });
});
