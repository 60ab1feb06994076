import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call, mailTo } from './support/http.js';
import {
  describeRun,
  runCarrierSimulator,
  sendCarrierEvent,
  setCarrierOutage,
  statesEntered,
  timelineTypes,
  waitForReturn,
} from './support/pipeline.js';
import { inspect, paidByStripe } from './support/lifecycle.js';
import { BUYER_ADDRESS, createBody } from '../support/requests.js';

type Created = { id: string; rma: string; status: string };

/** The pipeline on `npm start`: the synthesized state machine, run locally, from authorization to delivery. */
describe('the return pipeline on the local runtime', () => {
  let stack: RunningStack;
  let key: string;
  const create = async (overrides: Record<string, unknown> = {}) =>
    (
      await call<Created>(stack.api, '/v1/returns', {
        key,
        body: createBody({ ...paidByStripe(), ...overrides }),
      })
    ).body;
  const waiting = (ret: { status: string }, types: string[]) =>
    ret.status === 'LABEL_ISSUED' && types.includes('ISSUE_LABEL');

  beforeAll(async () => {
    stack = await startLocalStack();
    key = stack.sellers[0]!.apiKey;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('on authorization issues the label, mails the buyer, and follows the parcel to DELIVERED', async () => {
    const buyer = { email: 'walk@example.com', locale: 'en-US', country: 'US', address: BUYER_ADDRESS };
    const created = await create({
      buyer,
      deliveredAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
    expect(created.status).toBe('AUTHORIZATION_REQUIRED');
    const authorized = await call<Created>(stack.api, `/v1/returns/${created.id}/authorize`, {
      key,
      method: 'POST',
    });
    expect(authorized.body.status).toBe('AUTHORIZED');

    const labelled = await waitForReturn(stack, key, created.id, (r) => r.status === 'LABEL_ISSUED');
    const tracking = labelled.trackingNumber!;
    expect(labelled.label).toMatchObject({ carrier: 'ups', paidBy: 'SELLER', trackingNumber: tracking });
    const [mail, ...more] = await mailTo(stack.ses, buyer.email, 1);
    expect(more).toHaveLength(0);
    expect(mail?.body.text).toContain(tracking);
    expect(mail?.body.text).toContain(created.rma);
    // The mail links to the label EasyPost (the stand-in) sold: a PDF the buyer can print.
    expect(labelled.label).toMatchObject({ provider: 'easypost', labelUrl: expect.stringMatching(/\.pdf$/) });
    const { labelUrl } = labelled.label as { labelUrl: string };
    expect(mail?.body.html).toContain(`href="${labelUrl}"`);
    const pdf = await fetch(labelUrl);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // The label and the run's carrier token went on the return in one write.
    expect(await timelineTypes(stack, key, created.id)).toContain('ISSUE_LABEL');

    expect(await runCarrierSimulator(stack, ['in-transit', tracking, '--carrier', 'ups'])).toContain('200');
    await waitForReturn(stack, key, created.id, (r) => r.status === 'IN_TRANSIT');
    expect(await runCarrierSimulator(stack, ['delivered', tracking, '--carrier', 'ups'])).toContain('200');
    await waitForReturn(stack, key, created.id, (r) => r.status === 'DELIVERED');

    // The run goes on to wait for the warehouse's inspection (test/e2e/lifecycle.test.ts takes it from there).
    await expect.poll(() => timelineTypes(stack, key, created.id)).toContain('AWAIT_INSPECTION');
    expect(await timelineTypes(stack, key, created.id)).toEqual([
      'CREATED',
      'AUTHORIZE',
      // Acme buys through EasyPost: the shipment is recorded on the return before it is bought.
      'ORDER_LABEL',
      'ISSUE_LABEL',
      'TRACKING_EVENT',
      'TRACKING_EVENT',
      'AWAIT_INSPECTION',
    ]);
    expect((await describeRun(stack, created.id)).status).toBe('RUNNING');
  });

  it('runs a happy-path return to COMPLETED entering three Standard states', async () => {
    const created = await create();
    const labelled = await waitForReturn(stack, key, created.id, (r) => r.status === 'LABEL_ISSUED');
    expect((await sendCarrierEvent(stack, 'ups', 'delivered', labelled.trackingNumber!)).status).toBe(200);
    await waitForReturn(stack, key, created.id, (r) => r.status === 'DELIVERED');
    await expect.poll(() => timelineTypes(stack, key, created.id)).toContain('AWAIT_INSPECTION');
    const inspection = { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' };
    expect((await inspect(stack, key, created.id, inspection)).status).toBe(200);
    await waitForReturn(stack, key, created.id, (r) => r.status === 'COMPLETED');
    await expect.poll(async () => (await describeRun(stack, created.id)).status).toBe('SUCCEEDED');

    // Counted from the local runner's recorded history: what a Standard workflow is billed by.
    const entered = await statesEntered(stack, created.id);
    expect(entered).toEqual(['IssueLabel', 'AwaitInspection', 'IssueRefund']);
    expect(entered.length).toBeLessThanOrEqual(3);
  });

  it('records an out-of-order event without moving the return back', async () => {
    const created = await create();
    const labelled = await waitForReturn(stack, key, created.id, (r) => r.status === 'LABEL_ISSUED');
    const tracking = labelled.trackingNumber!;
    expect((await sendCarrierEvent(stack, 'ups', 'delivered', tracking)).status).toBe(200);
    await waitForReturn(stack, key, created.id, (r) => r.status === 'DELIVERED');
    expect((await sendCarrierEvent(stack, 'ups', 'in-transit', tracking)).status).toBe(200);
    expect((await waitForReturn(stack, key, created.id, () => true)).status).toBe('DELIVERED');
    await expect.poll(() => timelineTypes(stack, key, created.id)).toContain('AWAIT_INSPECTION');
    expect((await describeRun(stack, created.id)).status).toBe('RUNNING');
  });

  it('lets the run go when the buyer cancels while it waits for the carrier', async () => {
    const created = await create();
    await expect
      .poll(async () =>
        waiting(
          await waitForReturn(stack, key, created.id, () => true),
          await timelineTypes(stack, key, created.id),
        ),
      )
      .toBe(true);
    const cancelled = await call<Created>(stack.api, `/v1/returns/${created.id}/cancel`, {
      key,
      method: 'POST',
    });
    expect(cancelled.body.status).toBe('CANCELLED');
    await expect.poll(async () => (await describeRun(stack, created.id)).status).toBe('SUCCEEDED');
  });

  it('sends a return to NEEDS_ATTENTION when the carrier is down past its retries, and retry re-drives it', async () => {
    await setCarrierOutage(stack, true);
    const created = await create();
    const stuck = await waitForReturn(stack, key, created.id, (r) => r.status === 'NEEDS_ATTENTION');
    expect(stuck.attention).toMatchObject({
      step: 'IssueLabel',
      error: expect.stringContaining('CarrierUnavailableError'),
    });
    await expect.poll(async () => (await describeRun(stack, created.id)).status).toBe('FAILED');
    // Caught after its retries, named by its Pass, recorded, and failed.
    expect(await statesEntered(stack, created.id)).toEqual([
      'IssueLabel',
      'IssueLabelFailed',
      'RecordStepFailure',
      'NeedsAttention',
    ]);

    await setCarrierOutage(stack, false);
    const retried = await call<Created>(stack.api, `/v1/returns/${created.id}/retry`, {
      key,
      method: 'POST',
    });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('AUTHORIZED');
    await waitForReturn(stack, key, created.id, (r) => r.status === 'LABEL_ISSUED');
    const again = await call(stack.api, `/v1/returns/${created.id}/retry`, { key, method: 'POST' });
    expect(again.status).toBe(409);
  });
});

describe('the ship-by window on the local runtime', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    // The 14-day window, shortened to 6 seconds by configuration, as a demo would (IssueLabel buys the
    // label within it, then waits for the carrier).
    stack = await startLocalStack(undefined, { LOCAL_SHIP_BY_SECONDS: '6' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('closes a return the buyer never shipped, and tells the buyer', async () => {
    const key = stack.sellers[0]!.apiKey;
    const buyer = {
      email: 'never-shipped@example.com',
      locale: 'de-DE',
      country: 'US',
      address: BUYER_ADDRESS,
    };
    const created = (await call<Created>(stack.api, '/v1/returns', { key, body: createBody({ buyer }) }))
      .body;
    const closed = await waitForReturn(stack, key, created.id, (r) => r.status === 'CLOSED');
    expect(closed.closure).toEqual({ reason: 'BUYER_DID_NOT_SHIP' });
    const mails = await mailTo(stack.ses, buyer.email, 2);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toContain(created.rma);
    await expect.poll(async () => (await describeRun(stack, created.id)).status).toBe('SUCCEEDED');
    expect(await statesEntered(stack, created.id)).toEqual(['IssueLabel', 'CloseUnshipped']);
  });
});
