import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { newSeller } from '../support/api.js';
import { mailTo } from '../support/mailbox.js';
import { reread, runTask, setCarrierOutage, storedReturn } from '../support/pipeline.js';
import { PIPELINE_TASKS, type ResumeAt } from '../../../functions/pipeline/pipeline-contract.js';
import { recordedCallbacks } from '../support/refunds.js';

const buyer = () => ({ email: `b-${ulid().toLowerCase()}@example.com`, locale: 'en-US', country: 'US' });

describe('pipeline tasks on the local stand-ins', () => {
  let sellerId: string;
  beforeAll(async () => {
    ({ sellerId } = await newSeller());
  });
  const input = (returnId: string) => ({ sellerId, returnId, correlationId: 'test-run' });
  const WINDOW = 14 * 86_400;
  /** IssueLabel's payload: its token, where the run starts, and the ship-by window its state waits within. */
  const labelInput = (
    returnId: string,
    taskToken = `token-${ulid()}`,
    resumeAt: ResumeAt = 'IssueLabel',
  ) => ({
    ...input(returnId),
    taskToken,
    resumeAt,
    shipBySeconds: WINDOW,
  });

  it('IssueLabel buys a label, stores the carrier token with it, mails it to the buyer, and is safe to retry', async () => {
    const ret = await storedReturn({ sellerId, status: 'AUTHORIZED', buyer: buyer() });
    const before = Date.now();
    await runTask(PIPELINE_TASKS.IssueLabel, labelInput(ret.id, 'token-first'));
    const first = await reread(ret);
    await runTask(PIPELINE_TASKS.IssueLabel, labelInput(ret.id, 'token-again'));

    const stored = await reread(ret);
    expect(stored.status).toBe('LABEL_ISSUED');
    expect(first.pipeline).toEqual({ taskToken: 'token-first' });
    // One write for the label and the token.
    expect(first.version).toBe(ret.version + 1);
    expect(stored.label).toEqual(first.label);
    expect(stored.pipeline).toEqual({ taskToken: 'token-again' });
    expect(stored.label).toMatchObject({ carrier: 'ups', paidBy: 'SELLER' });
    expect(stored.trackingNumber).toMatch(/^1Z[0-9A-F]{16}$/);
    // The label's ship-by date is the end of the window the state times out on.
    const shipBy = Date.parse(stored.label!.shipBy);
    expect(shipBy).toBeGreaterThanOrEqual(before + WINDOW * 1000);
    expect(shipBy).toBeLessThanOrEqual(Date.now() + WINDOW * 1000);
    expect(stored.timeline.filter((e) => e.type === 'ISSUE_LABEL').map((e) => e.to)).toEqual([
      'LABEL_ISSUED',
      'LABEL_ISSUED',
    ]);
    const mails = await mailTo(ret.buyer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(stored.trackingNumber);
    expect(mails[0]!.body.text).toContain(ret.rma);
  });

  it('puts the freight on the buyer for a change of mind', async () => {
    const ret = await storedReturn({
      sellerId,
      status: 'AUTHORIZED',
      reason: 'CHANGED_MIND',
      buyer: buyer(),
    });
    await runTask(PIPELINE_TASKS.IssueLabel, labelInput(ret.id));
    expect((await reread(ret)).label?.paidBy).toBe('BUYER');
  });

  it('IssueLabel fails with a retryable CarrierUnavailableError while the carrier is down, writing nothing', async () => {
    const ret = await storedReturn({ sellerId, status: 'AUTHORIZED', buyer: buyer() });
    await setCarrierOutage(true);
    try {
      await expect(runTask(PIPELINE_TASKS.IssueLabel, labelInput(ret.id))).rejects.toMatchObject({
        name: 'CarrierUnavailableError',
      });
    } finally {
      await setCarrierOutage(false);
    }
    expect(await reread(ret)).toEqual(ret);
  });

  it('IssueLabel lets its run go (ReturnEndedError) for a return cancelled before its label, buying none', async () => {
    const ret = await storedReturn({ sellerId, status: 'CANCELLED', buyer: buyer() });
    const taskToken = `token-${ulid()}`;
    await runTask(PIPELINE_TASKS.IssueLabel, labelInput(ret.id, taskToken));
    expect(await recordedCallbacks(taskToken)).toEqual([
      expect.objectContaining({ kind: 'failure', error: 'ReturnEndedError' }),
    ]);
    expect(await reread(ret)).toEqual(ret);
    expect(await mailTo(ret.buyer.email)).toHaveLength(0);
  });

  it('IssueLabel sends a run started at a later step on (SentOnError), touching nothing', async () => {
    const ret = await storedReturn({ sellerId, status: 'INSPECTED', buyer: buyer() });
    const taskToken = `token-${ulid()}`;
    await runTask(PIPELINE_TASKS.IssueLabel, labelInput(ret.id, taskToken, 'ComputeRefund'));
    expect(await recordedCallbacks(taskToken)).toEqual([
      expect.objectContaining({ kind: 'failure', error: 'SentOnError' }),
    ]);
    expect(await reread(ret)).toEqual(ret);
    expect(await mailTo(ret.buyer.email)).toHaveLength(0);
  });

  it('IssueLabel of a resumed run leaves only its new token on a labelled return', async () => {
    const ret = await storedReturn({ sellerId, status: 'LABEL_ISSUED', buyer: buyer() });
    await runTask(PIPELINE_TASKS.IssueLabel, labelInput(ret.id, 'token-abc'));
    const stored = await reread(ret);
    expect(stored.pipeline).toEqual({ taskToken: 'token-abc' });
    expect(stored.status).toBe('LABEL_ISSUED');
    expect(stored.label).toEqual(ret.label);
    expect(stored.timeline.at(-1)).toMatchObject({ type: 'ISSUE_LABEL', actor: { kind: 'system' } });
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

  it('RecordStepFailure keeps the failed step and the error message, never the stack trace', async () => {
    const ret = await storedReturn({ sellerId, status: 'AUTHORIZED', buyer: buyer() });
    const cause = JSON.stringify({
      errorType: 'CarrierUnavailableError',
      errorMessage: 'ups label API is unavailable',
      trace: ['at x.ts:1'],
    });
    await runTask(PIPELINE_TASKS.RecordStepFailure, {
      ...input(ret.id),
      failedStep: 'IssueLabel',
      error: { Error: 'CarrierUnavailableError', Cause: cause },
    });
    const stored = await reread(ret);
    expect(stored.status).toBe('NEEDS_ATTENTION');
    expect(stored.attention).toEqual({
      step: 'IssueLabel',
      error: 'CarrierUnavailableError: ups label API is unavailable',
      resumeStatus: 'AUTHORIZED',
    });
    expect(JSON.stringify(stored)).not.toContain('x.ts:1');
  });

  it('refuses a malformed task input with a non-retryable TaskInputError', async () => {
    await expect(runTask(PIPELINE_TASKS.IssueLabel, { returnId: 1 })).rejects.toMatchObject({
      name: 'TaskInputError',
    });
  });
});
