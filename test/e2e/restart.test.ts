import { describe, expect, it } from 'vitest';
import { startLocalStack } from './support/local-stack.js';
import { call } from './support/http.js';
import { describeRun, sendCarrierEvent, timelineTypes, waitForReturn } from './support/pipeline.js';
import { inspect, paidByStripe, paymentsOf } from './support/lifecycle.js';
import { createBody } from '../support/requests.js';

describe('npm start across a restart', () => {
  it('stops cleanly on Ctrl-C, keeps every return and key, and waiting returns still move on', async () => {
    const first = await startLocalStack();
    const key = first.sellers[0]!.apiKey;
    const created = await call<{ id: string }>(first.api, '/v1/returns', {
      key,
      body: createBody(paidByStripe()),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const labelled = await waitForReturn(first, key, id, (r) => r.status === 'LABEL_ISSUED');
    // The carrier token went on the return with the label, in one write.
    expect(await timelineTypes(first, key, id)).toContain('ISSUE_LABEL');
    expect(await first.stop()).toBe(0);

    const second = await startLocalStack(first.dataDir);
    try {
      expect(second.sellers[0]!.apiKey).toBe(key);
      const read = await call<{ status: string }>(second.api, `/v1/returns/${id}`, { key });
      expect(read.body.status).toBe('LABEL_ISSUED');
      expect((await describeRun(second, id)).status).toBe('RUNNING');

      expect((await sendCarrierEvent(second, 'ups', 'delivered', labelled.trackingNumber!)).status).toBe(200);
      await waitForReturn(second, key, id, (r) => r.status === 'DELIVERED');
      await expect.poll(() => timelineTypes(second, key, id)).toContain('AWAIT_INSPECTION');
    } finally {
      expect(await second.stop()).toBe(0);
    }

    // Waiting for the inspection across a restart: the same token waits again, and the result resumes it.
    const third = await startLocalStack(first.dataDir);
    try {
      expect((await describeRun(third, id)).status).toBe('RUNNING');
      const inspection = { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' };
      expect((await inspect(third, key, id, inspection)).status).toBe(200);
      await waitForReturn(third, key, id, (r) => r.status === 'COMPLETED');
      await expect.poll(async () => (await describeRun(third, id)).status).toBe('SUCCEEDED');
      expect(await paymentsOf(third, id)).toHaveLength(1);
    } finally {
      await third.stop();
    }
  });
});
