import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionMessage } from '../../../domain/inspection.js';
import { refundIdOf } from '../../../domain/refund-decision.js';
import type { Return } from '../../../domain/return.js';
import { invoke, newSeller } from '../support/api.js';
import { reread, storedReturn } from '../support/pipeline.js';
import { uniqueId } from '../support/table.js';
import {
  SUBJECTS,
  buyerMails,
  entriesOf,
  newBuyer,
  ownInspectionQueue,
  paidByStripe,
  paymentsOf,
  recordedCallbacks,
  recordedRunsOf,
  refundSeller,
  runStep,
  stopStripe,
} from '../support/refunds.js';

/**
 * A return resolved by a replacement, on dynalite and the stand-ins: the warehouse's REPLACE on the
 * inspection queue, ComputeRefund requesting the replacement instead of a refund, IssueRefund ending the
 * run with nothing paid, and the two ways out over the real handlers: the shipment (the return completes)
 * or a refund instead, which Stripe's own ledger shows paid once under racing and retried calls.
 */

let sellerId: string;
let queue: Awaited<ReturnType<typeof ownInspectionQueue>>;

beforeAll(async () => {
  ({ sellerId } = await refundSeller());
  queue = await ownInspectionQueue();
});
afterAll(async () => {
  queue.destroy();
  await stopStripe();
});

const REPLACEMENT_REQUESTED = /A replacement is on its way/;
const REPLACEMENT_SHIPPED = /Your replacement for return .* has shipped/;
const path = (ret: Return, action: string) => `/v1/returns/${ret.id}/replacement/${action}`;

/** A delivered return the warehouse grades and resolves by REPLACE through the queue; ComputeRefund then runs. */
const pendingReplacement = async (): Promise<Return> => {
  const ret = await storedReturn({
    sellerId,
    status: 'DELIVERED',
    buyer: newBuyer(),
    ...paidByStripe(),
    pipeline: { inspectionToken: uniqueId('inspection-token') },
  });
  const message: InspectionMessage = {
    returnId: ret.id,
    sellerId,
    lines: [{ sku: 'SKU-1', grade: 'DAMAGED' }],
    disposition: 'RETURN_TO_VENDOR',
    resolution: 'REPLACE',
  };
  const batch = await queue.receive([await queue.send(message)]);
  expect(await queue.consume(batch)).toEqual({ batchItemFailures: [] });
  await runStep('ComputeRefund', ret);
  return reread(ret);
};

describe('a return resolved by a replacement', () => {
  it('gets no refund: the replacement is requested and reserved, the buyer mailed, and the run ends', async () => {
    const ret = await pendingReplacement();
    expect(ret).toMatchObject({
      status: 'REPLACEMENT_PENDING',
      inspection: { resolution: 'REPLACE' },
      replacement: { status: 'REQUESTED', items: [{ sku: 'SKU-1', quantity: 1 }] },
      inventoryAdjustments: [{ sku: 'SKU-1', quantity: 1, reservation: 'RESERVED' }],
    });
    expect(ret.refund).toBeUndefined();
    expect(await buyerMails(ret, REPLACEMENT_REQUESTED)).toHaveLength(1);

    const token = uniqueId('refund-token');
    await runStep('IssueRefund', ret, token);
    expect(await paymentsOf(ret)).toEqual([]);
    expect(await recordedCallbacks(token)).toEqual([
      expect.objectContaining({ kind: 'success', output: { resolution: 'REPLACE' } }),
    ]);
  });

  it('completes when the seller reports the shipment, and the buyer gets its tracking once', async () => {
    const ret = await pendingReplacement();
    const body = { trackingNumber: '1ZREPLACE000001', carrier: 'ups' };
    const headers = { 'idempotency-key': uniqueId('ship') };

    const first = await invoke('ShipReplacement', { sellerId, path: path(ret, 'shipped'), body, headers });
    const again = await invoke('ShipReplacement', { sellerId, path: path(ret, 'shipped'), body, headers });

    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(first.body).toMatchObject({
      status: 'COMPLETED',
      replacement: { status: 'SHIPPED', shipment: body },
    });
    const stored = await reread(ret);
    expect(entriesOf(stored, 'SHIP_REPLACEMENT')).toHaveLength(1);
    expect(
      stored.inventoryAdjustments.map((a) => ('reservation' in a ? a.reservation : a.disposition)),
    ).toEqual(['RESERVED', 'SHIPPED', 'RETURN_TO_VENDOR']);
    const mails = await buyerMails(ret, REPLACEMENT_SHIPPED);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain('1ZREPLACE000001');
    expect(await paymentsOf(ret)).toEqual([]);
  });

  it('turned into a refund pays once: racing calls, a retried call, and the step run twice', async () => {
    const ret = await pendingReplacement();
    const key = { 'idempotency-key': uniqueId('refund-instead') };
    const call = (headers: Record<string, string> = {}) =>
      invoke('RefundInstead', {
        sellerId,
        path: path(ret, 'refund'),
        body: { reason: 'out of stock' },
        headers,
      });

    const racing = await Promise.all([call(key), call(), call()]);
    const retried = await call(key);

    expect(racing.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(retried.body).toEqual(racing[0]!.body);
    const stored = await reread(ret);
    expect(entriesOf(stored, 'REFUND_INSTEAD')).toHaveLength(1);
    expect(stored).toMatchObject({
      status: 'REFUND_IN_PROGRESS',
      replacement: { status: 'REFUNDED_INSTEAD', refundedInstead: { reason: 'out of stock' } },
      refund: { refundId: refundIdOf(ret), requiresApproval: false },
    });
    expect(stored.inventoryAdjustments.at(-1)).toMatchObject({ reservation: 'RELEASED' });
    const runs = await recordedRunsOf(ret.id);
    expect(runs.map((r) => [r.name, r.input.resumeAt])).toEqual([
      [`${ret.id}-refund-instead`, 'IssueRefund'],
    ]);

    // The run pays it, and a retried step asks Stripe for the same refund again.
    await runStep('IssueRefund', ret);
    await runStep('IssueRefund', ret);

    const payments = await paymentsOf(ret);
    expect(payments).toEqual([
      expect.objectContaining({ idempotencyKey: refundIdOf(ret), amount: stored.refund!.amount }),
    ]);
    const done = await reread(ret);
    expect(done).toMatchObject({ status: 'COMPLETED', refund: { status: 'COMPLETED' } });
    expect(await buyerMails(ret, SUBJECTS.REFUND_ISSUED)).toHaveLength(1);
    // Refunded instead is final: the shipment, or another refund, is refused and writes nothing.
    const ship = await invoke('ShipReplacement', {
      sellerId,
      path: path(ret, 'shipped'),
      body: { trackingNumber: '1ZLATE0001', carrier: 'ups' },
    });
    expect(ship.status).toBe(409);
    expect((await reread(ret)).version).toBe(done.version);
  });
});

describe('the replacement endpoints refuse bad input with problem+json, writing nothing', () => {
  const refusals: Array<[string, string, unknown, string]> = [
    ['ShipReplacement', 'shipped', { trackingNumber: '1Z', carrier: 'ups' }, 'trackingNumber'],
    ['ShipReplacement', 'shipped', { trackingNumber: '1ZREPL0001', carrier: '  ' }, 'carrier'],
    ['ShipReplacement', 'shipped', { trackingNumber: '1ZREPL0001' }, 'carrier'],
    ['ShipReplacement', 'shipped', { trackingNumber: '1ZREPL0001', carrier: 'ups', cost: 1 }, 'cost'],
    ['RefundInstead', 'refund', { reason: 'x'.repeat(501) }, 'reason'],
    ['RefundInstead', 'refund', { amount: 100 }, 'amount'],
  ];

  it.each(refusals)('%s /replacement/%s with %j names %s', async (route, action, body, field) => {
    const ret = await pendingReplacement();
    const answer = await invoke(route, { sellerId, path: path(ret, action), body });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await reread(ret)).toEqual(ret);
  });

  it("answers another seller's return 404, and a return with no replacement 409", async () => {
    const ret = await pendingReplacement();
    const other = await newSeller();
    const foreign = await invoke('RefundInstead', { sellerId: other.sellerId, path: path(ret, 'refund') });
    expect(foreign.status).toBe(404);
    const refunding = await storedReturn({ sellerId, status: 'INSPECTED', buyer: newBuyer() });
    const early = await invoke('RefundInstead', { sellerId, path: path(refunding, 'refund') });
    expect(early.status).toBe(409);
    expect(early.contentType).toBe('application/problem+json');
    expect(await reread(ret)).toEqual(ret);
    expect(await reread(refunding)).toEqual(refunding);
  });

  it('refuses REPLACE on a buyer-remorse return when authorizing (422 naming resolution)', async () => {
    const requested = await storedReturn({ sellerId, buyer: newBuyer(), reason: 'CHANGED_MIND' });
    const answer = await invoke('AuthorizeReturn', {
      sellerId,
      path: `/v1/returns/${requested.id}/authorize`,
      body: { resolution: 'REPLACE' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'resolution' })]);
    expect(await reread(requested)).toEqual(requested);
  });
});
