import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { newSeller } from '../support/api.js';
import { mailTo } from '../support/mailbox.js';
import { reread, runTask, setCarrierOutage, storedReturn } from '../support/pipeline.js';
import { PIPELINE_TASKS } from '../../../functions/pipeline/pipeline-contract.js';

const buyer = () => ({ email: `b-${ulid().toLowerCase()}@example.com`, locale: 'en-US', country: 'US' });

describe('pipeline tasks on the local stand-ins', () => {
  let sellerId: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller());
  });
  const input = (returnId: string) => ({ sellerId, returnId, correlationId: 'test-run' });

  it('IssueLabel buys a label, mails it to the buyer, and is safe to retry', async () => {
    const ret = await storedReturn({ sellerId, status: 'AUTHORIZED', buyer: buyer() });
    const first = (await runTask(PIPELINE_TASKS.IssueLabel, input(ret.id))) as {
      trackingNumber: string;
      shipBySeconds: number;
    };
    const again = (await runTask(PIPELINE_TASKS.IssueLabel, input(ret.id))) as typeof first;
    expect(again.trackingNumber).toBe(first.trackingNumber);
    expect(first.trackingNumber).toMatch(/^1Z[0-9A-F]{16}$/);
    expect(first.shipBySeconds).toBeGreaterThan(13 * 86_400);

    const stored = await reread(ret);
    expect(stored.status).toBe('LABEL_ISSUED');
    expect(stored.label).toMatchObject({
      carrier: 'ups',
      paidBy: 'SELLER',
      trackingNumber: first.trackingNumber,
    });
    expect(stored.timeline.filter((e) => e.type === 'ISSUE_LABEL')).toHaveLength(1);
    const mails = await mailTo(ret.buyer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(first.trackingNumber);
    expect(mails[0]!.body.text).toContain(ret.rma);
  });

  it('puts the freight on the buyer for a change of mind', async () => {
    const ret = await storedReturn({
      sellerId,
      status: 'AUTHORIZED',
      reason: 'CHANGED_MIND',
      buyer: buyer(),
    });
    await runTask(PIPELINE_TASKS.IssueLabel, input(ret.id));
    expect((await reread(ret)).label?.paidBy).toBe('BUYER');
  });

  it('IssueLabel fails with a retryable CarrierUnavailable while the carrier is down, writing nothing', async () => {
    const ret = await storedReturn({ sellerId, status: 'AUTHORIZED', buyer: buyer() });
    await setCarrierOutage(true);
    try {
      await expect(runTask(PIPELINE_TASKS.IssueLabel, input(ret.id))).rejects.toMatchObject({
        name: 'CarrierUnavailable',
      });
    } finally {
      await setCarrierOutage(false);
    }
    expect(await reread(ret)).toEqual(ret);
  });

  it('IssueLabel ends the run quietly (ReturnEnded) for a return cancelled before its label, buying none', async () => {
    const ret = await storedReturn({ sellerId, status: 'CANCELLED', buyer: buyer() });
    await expect(runTask(PIPELINE_TASKS.IssueLabel, input(ret.id))).rejects.toMatchObject({
      name: 'ReturnEnded',
    });
    expect(await reread(ret)).toEqual(ret);
    expect(await mailTo(ret.buyer.email)).toHaveLength(0);
  });

  it('WaitForCarrier leaves the task token on the return', async () => {
    const ret = await storedReturn({ sellerId, status: 'LABEL_ISSUED', buyer: buyer() });
    await runTask(PIPELINE_TASKS.WaitForCarrier, { ...input(ret.id), taskToken: 'token-abc' });
    const stored = await reread(ret);
    expect(stored.pipeline).toEqual({ taskToken: 'token-abc' });
    expect(stored.status).toBe('LABEL_ISSUED');
    expect(stored.timeline.at(-1)).toMatchObject({ type: 'AWAIT_CARRIER', actor: { kind: 'system' } });
  });

  it('CloseUnshipped closes a return the buyer never shipped, and tells the buyer', async () => {
    const ret = await storedReturn({ sellerId, status: 'LABEL_ISSUED', buyer: buyer() });
    await runTask(PIPELINE_TASKS.CloseUnshipped, input(ret.id));
    const stored = await reread(ret);
    expect(stored.status).toBe('CLOSED');
    expect(stored.closure).toEqual({ reason: 'BUYER_DID_NOT_SHIP' });
    const [mail] = await mailTo(ret.buyer.email);
    expect(mail!.subject).toContain(ret.rma);
    await runTask(PIPELINE_TASKS.CloseUnshipped, input(ret.id));
    expect((await reread(ret)).version).toBe(stored.version);
  });

  it('CloseUnshipped refuses to close a parcel that is on its way', async () => {
    const ret = await storedReturn({ sellerId, status: 'IN_TRANSIT', buyer: buyer() });
    await expect(runTask(PIPELINE_TASKS.CloseUnshipped, input(ret.id))).rejects.toMatchObject({
      name: 'IllegalTransitionError',
    });
    expect((await reread(ret)).status).toBe('IN_TRANSIT');
  });

  it('RecordNeedsAttention keeps the failed step and the error message, never the stack trace', async () => {
    const ret = await storedReturn({ sellerId, status: 'AUTHORIZED', buyer: buyer() });
    const cause = JSON.stringify({
      errorType: 'CarrierUnavailable',
      errorMessage: 'ups label API is unavailable',
      trace: ['at x.ts:1'],
    });
    await runTask(PIPELINE_TASKS.RecordNeedsAttention, {
      ...input(ret.id),
      failedStep: 'IssueLabel',
      error: { Error: 'CarrierUnavailable', Cause: cause },
    });
    const stored = await reread(ret);
    expect(stored.status).toBe('NEEDS_ATTENTION');
    expect(stored.attention).toEqual({
      step: 'IssueLabel',
      error: 'CarrierUnavailable: ups label API is unavailable',
      resumeStatus: 'AUTHORIZED',
    });
    expect(JSON.stringify(stored)).not.toContain('x.ts:1');
  });

  it('refuses a malformed task input with a non-retryable ZodError', async () => {
    await expect(runTask(PIPELINE_TASKS.IssueLabel, { returnId: 1 })).rejects.toMatchObject({
      name: 'ZodError',
    });
  });
});
