import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call, mailTo } from './support/http.js';
import { sendCarrierEvent, timelineTypes, waitForReturn } from './support/pipeline.js';
import { inspect, paymentsOf, setPaymentMode } from './support/lifecycle.js';
import { BUYER_ADDRESS, createBody } from '../support/requests.js';

/**
 * The hardest exactly-once case, for real: the process running IssueRefund dies after the payment
 * provider paid and before the refund was written. On restart the runner runs IssueRefund again, the
 * provider answers the same idempotency key with the first payment, and nothing is paid twice.
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
      await call<{ id: string }>(first.api, '/v1/returns', { key, body: createBody({ buyer }) })
    ).body;
    const labelled = await waitForReturn(first, key, created.id, (r) => r.status === 'LABEL_ISSUED');
    await sendCarrierEvent(first, 'ups', 'delivered', labelled.trackingNumber!);
    await expect.poll(() => timelineTypes(first, key, created.id)).toContain('AWAIT_INSPECTION');

    await setPaymentMode(first, { mode: 'crash-after-charge', times: 1 });
    const inspection = { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' };
    expect((await inspect(first, key, created.id, inspection)).status).toBe(200);
    expect(await first.exited).not.toBe(0);

    const restartedAt = new Date().toISOString();
    const second = await startLocalStack(first.dataDir);
    stacks.push(second);
    const done = await waitForReturn(second, key, created.id, (r) => r.status === 'COMPLETED');
    const paid = await paymentsOf(second, created.id);
    expect(paid).toHaveLength(1);
    // Paid by the first process, before it died; the second only heard of it again.
    expect(paid[0]!.createdAt < restartedAt).toBe(true);
    expect(done.refund).toMatchObject({ status: 'COMPLETED', providerRef: paid[0]!.providerRef });
    expect((await mailTo(second.ses, buyer.email, 1)).filter((m) => /refund/i.test(m.subject))).toHaveLength(
      1,
    );
  });
});
