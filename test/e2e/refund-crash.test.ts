import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call, capturedEmails } from './support/http.js';
import { sendCarrierEvent, timelineTypes, waitForReturn } from './support/pipeline.js';
import { inspect, paidByStripe, paymentsOf, setPaymentMode } from './support/lifecycle.js';
import { BUYER_ADDRESS, createBody } from '../support/requests.js';

/**
 * The hardest exactly-once case, for real: the process running IssueRefund dies after Stripe (the
 * stand-in `npm start` runs) made the refund and before our write of it; the stand-in kills the whole
 * process with 137, as a pulled plug would, before it answers. On restart the runner runs IssueRefund
 * again with its token, Stripe answers the same idempotency key with the first refund, and its ledger
 * shows one refund.
 */
describe('a crash between the payment provider and our write', () => {
  const stacks: RunningStack[] = [];
  afterAll(async () => {
    for (const stack of stacks) await stack.stop();
  });

  it('pays once after a restart and completes the return', async () => {
    const first = await startLocalStack();
    stacks.push(first);
    const key = first.sellers[0]!.apiKey;
    const buyer = {
      email: `crash-${randomUUID()}@example.com`,
      locale: 'en-US',
      country: 'US',
      address: BUYER_ADDRESS,
    };
    const created = (
      await call<{ id: string }>(first.api, '/v1/returns', {
        key,
        body: createBody({ buyer, ...paidByStripe() }),
      })
    ).body;
    const labelled = await waitForReturn(first, key, created.id, (r) => r.status === 'LABEL_ISSUED');
    await sendCarrierEvent(first, 'ups', 'delivered', labelled.trackingNumber!);
    await expect.poll(() => timelineTypes(first, key, created.id)).toContain('AWAIT_INSPECTION');

    await setPaymentMode(first, { mode: 'crash-after-refund', times: 1 });
    const inspection = { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' };
    expect((await inspect(first, key, created.id, inspection)).status).toBe(200);
    expect(await first.exited).not.toBe(0);

    const restartedAt = new Date().toISOString();
    const second = await startLocalStack(first.dataDir);
    stacks.push(second);
    const done = await waitForReturn(second, key, created.id, (r) => r.status === 'COMPLETED');
    const paid = await paymentsOf(second, created.id);
    expect(paid).toHaveLength(1);
    expect(paid[0]!.idempotencyKey).toBe(`${created.id}-refund`);
    // Made by the first process, before it died; the second only heard of it again.
    expect(paid[0]!.created * 1000 < Date.parse(restartedAt)).toBe(true);
    expect(done.refund).toMatchObject({ status: 'COMPLETED', providerRef: paid[0]!.id });
    // The refund's mail goes out from the outbox after the write: once.
    const refundMails = async () =>
      (await capturedEmails(second.ses)).filter(
        (m) => m.destination.to.includes(buyer.email) && /refund/i.test(m.subject),
      ).length;
    await expect.poll(refundMails, { timeout: 15_000 }).toBe(1);
  });
});
