import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Return } from '../../../domain/return.js';
import { invoke } from '../support/api.js';
import { reread, storedReturn } from '../support/pipeline.js';
import { uniqueId } from '../support/table.js';
import {
  newBuyer,
  paidByStripe,
  paymentsOf,
  recordedCallbacks,
  recordedRunsOf,
  refundSeller,
  runStep,
  stopStripe,
} from '../support/refunds.js';
import { linksInMail, postForm } from './buyer-page-client.js';

/**
 * An offer accepted twice at once (the buyer's link pressed in two tabs, the storefront relaying it
 * too) is settled once and paid once: through dynalite's conditional writes, the recording Step
 * Functions API and the Stripe stand-in, through the real SDKs.
 */
let sellerId: string;

beforeAll(async () => {
  ({ sellerId } = await refundSeller());
});
afterAll(() => stopStripe());

const keepItemOffer = async (ret: Return, amount: number) => {
  const made = await invoke('MakeOffer', {
    sellerId,
    path: `/v1/returns/${ret.id}/offers`,
    body: { amount: { amount, currency: 'USD' }, keepItem: true, message: 'Keep it, with our apologies' },
    headers: { 'idempotency-key': uniqueId('offer') },
  });
  expect(made.status).toBe(201);
  const [accept] = await linksInMail(ret.buyer.email, /An offer of/);
  return { offerId: (made.body.offer as { offerId: string }).offerId, accept: accept! };
};

describe('an offer accepted twice at once', () => {
  it('is accepted once, starts one refund run, and pays the offered amount once', async () => {
    const ret = await storedReturn({ sellerId, buyer: newBuyer(), ...paidByStripe() });
    const { offerId, accept } = await keepItemOffer(ret, 1500);
    const relay = () =>
      invoke('AcceptOffer', {
        sellerId,
        path: `/v1/returns/${ret.id}/offers/${offerId}/accept`,
        headers: { 'idempotency-key': uniqueId('accept') },
      });
    const answers = await Promise.all([
      postForm({ token: accept }),
      postForm({ token: accept }),
      postForm({ token: accept }),
      relay(),
      relay(),
    ]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);

    const accepted = await reread(ret);
    expect(accepted).toMatchObject({ status: 'AUTHORIZED', returnless: true });
    expect(accepted.offers).toEqual([expect.objectContaining({ offerId, status: 'ACCEPTED' })]);
    expect(accepted.timeline.filter((e) => e.type === 'ACCEPT_OFFER')).toHaveLength(1);
    const runs = await recordedRunsOf(ret.id);
    expect(runs).toEqual([{ name: ret.id, input: expect.objectContaining({ resumeAt: 'ComputeRefund' }) }]);

    // The run's steps, each twice (a retried task): the refund is the offer's, paid once.
    await runStep('ComputeRefund', ret);
    await runStep('ComputeRefund', ret);
    await runStep('IssueRefund', ret);
    await runStep('IssueRefund', ret);
    const paid = await reread(ret);
    expect(paid.refund!.amount).toEqual({ amount: 1500, currency: 'USD' });
    expect(paid.refund!.breakdown.at(-1)).toMatchObject({
      kind: 'NEGOTIATED_ADJUSTMENT',
      amount: 1500 - 2807,
    });
    const payments = await paymentsOf(ret);
    expect(payments).toEqual([
      expect.objectContaining({ kind: 'REFUND', amount: { amount: 1500, currency: 'USD' } }),
    ]);
  });

  it('from LABEL_ISSUED, lets the carrier wait go and starts the returnless refund in a run of its own', async () => {
    const taskToken = uniqueId('carrier-wait');
    const ret = await storedReturn({
      sellerId,
      status: 'LABEL_ISSUED',
      buyer: newBuyer(),
      pipeline: { taskToken },
      ...paidByStripe(),
    });
    const { accept } = await keepItemOffer(ret, 1000);
    expect((await postForm({ token: accept })).status).toBe(200);
    const accepted = await reread(ret);
    expect(accepted).toMatchObject({ status: 'AUTHORIZED', returnless: true });
    expect(accepted.pipeline?.taskToken).toBeUndefined();
    expect(await recordedCallbacks(taskToken)).toEqual([
      expect.objectContaining({ kind: 'failure', error: 'ReturnEndedError' }),
    ]);
    expect(await recordedRunsOf(ret.id)).toEqual([
      { name: `${ret.id}-offer`, input: expect.objectContaining({ resumeAt: 'ComputeRefund' }) },
    ]);
  });
});
