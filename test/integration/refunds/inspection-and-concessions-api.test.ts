import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Inspection } from '../../../domain/inspection.js';
import type { Return } from '../../../domain/return.js';
import { invoke, newSeller } from '../support/api.js';
import { reread, storedReturn } from '../support/pipeline.js';
import { uniqueId } from '../support/table.js';
import {
  entriesOf,
  newBuyer,
  paidByStripe,
  paymentsOf,
  recordedCallbacks,
  refundSeller,
  setPaymentMode,
  stopStripe,
} from '../support/refunds.js';

/**
 * POST /v1/returns/{id}/inspection and POST /v1/returns/{id}/concessions through their real handlers:
 * the inspection is recorded on the return and the waiting run resumed (on the recording Step Functions
 * API), and a concession is paid through the fake payment provider, exactly once.
 */

let sellerId: string;

beforeAll(async () => {
  ({ sellerId } = await refundSeller());
});
afterAll(() => stopStripe());
beforeEach(() => setPaymentMode('succeed'));

const stored = (overrides: Partial<Return> & { status: Return['status'] }) =>
  storedReturn({ sellerId, buyer: newBuyer(), ...paidByStripe(), ...overrides });

const INSPECTION: Inspection = {
  lines: [{ sku: 'SKU-1', grade: 'OPENED', notes: 'seal broken, item intact' }],
  disposition: 'RESTOCK',
  notes: 'checked at dock 2',
};

const submit = (ret: Pick<Return, 'id'>, body: unknown, as = sellerId) =>
  invoke('SubmitInspection', { sellerId: as, path: `/v1/returns/${ret.id}/inspection`, body });

describe('SubmitInspection', () => {
  it('records the inspection of a delivered return, resumes the waiting run and answers 200 with the return', async () => {
    const ret = await stored({
      status: 'DELIVERED',
      pipeline: { inspectionToken: uniqueId('inspection-token') },
    });

    const answer = await submit(ret, INSPECTION);

    expect(answer.status).toBe(200);
    const after = await reread(ret);
    expect(after).toMatchObject({ status: 'INSPECTED', inspection: INSPECTION, version: ret.version + 1 });
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'RECORD_INSPECTION',
      from: 'DELIVERED',
      to: 'INSPECTED',
      actor: { kind: 'seller', id: sellerId },
    });
    const { sellerId: _s, timeline: _t, pipeline: _p, ...view } = after;
    expect(answer.body).toEqual(view);
    expect(await recordedCallbacks(ret.pipeline!.inspectionToken!)).toEqual([
      expect.objectContaining({ kind: 'success', output: { inspectedAt: after.updatedAt } }),
    ]);
  });

  it('answers the very same result again with the return as recorded, writing it once', async () => {
    const ret = await stored({ status: 'DELIVERED' });

    const first = await submit(ret, INSPECTION);
    const again = await submit(ret, INSPECTION);

    expect(again).toEqual(first);
    expect(entriesOf(await reread(ret), 'RECORD_INSPECTION')).toHaveLength(1);
  });

  it('refuses a return not ready for it or inspected already, a SKU not on it and an unknown field, writing nothing', async () => {
    const inTransit = await stored({ status: 'IN_TRANSIT' });
    const delivered = await stored({ status: 'DELIVERED' });
    const { sellerId: otherSeller } = await newSeller();

    const inspected = await stored({ status: 'INSPECTED' });
    for (const ret of [inTransit, inspected]) {
      const tooEarlyOrLate = await submit(ret, INSPECTION);
      expect(tooEarlyOrLate.status).toBe(409);
      expect(tooEarlyOrLate.contentType).toBe('application/problem+json');
      expect(tooEarlyOrLate.body).toMatchObject({ type: '/problems/illegal-transition' });
    }

    const unknownSku = await submit(delivered, {
      ...INSPECTION,
      lines: [{ sku: 'SKU-404', grade: 'AS_NEW' }],
    });
    expect(unknownSku.status).toBe(422);
    expect(unknownSku.contentType).toBe('application/problem+json');
    expect(unknownSku.body.errors).toEqual([
      { field: 'lines/0/sku', rule: expect.stringContaining('SKU-1') },
    ]);

    const unknownField = await submit(delivered, { ...INSPECTION, refundNow: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors).toEqual([{ field: 'refundNow', rule: 'is not a known field' }]);

    const notYours = await submit(delivered, INSPECTION, otherSeller);
    expect(notYours.status).toBe(404);
    expect(notYours.contentType).toBe('application/problem+json');

    expect(await reread(inTransit)).toEqual(inTransit);
    expect(await reread(inspected)).toEqual(inspected);
    expect(await reread(delivered)).toEqual(delivered);
  });
});

describe('AddConcession', () => {
  /** A completed return refunded 22.07 of the 28.07 paid (a restocking fee): 6.00 is left to credit. */
  const partlyRefunded = () =>
    stored({
      status: 'COMPLETED',
      reason: 'NO_LONGER_NEEDED',
      refund: {
        refundId: uniqueId('refund'),
        status: 'COMPLETED',
        amount: { amount: 2_207, currency: 'USD' },
        breakdown: [
          { kind: 'ITEM', sku: 'SKU-1', amount: 2_599, currency: 'USD', explanation: 'item' },
          { kind: 'RESTOCKING_FEE', sku: 'SKU-1', amount: -600, currency: 'USD', explanation: 'fee' },
          { kind: 'TAX', sku: 'SKU-1', amount: 208, currency: 'USD', explanation: 'tax' },
        ],
        requiresApproval: false,
        computedAt: new Date().toISOString(),
        providerRef: 'fp_earlier_refund',
      },
    });

  const concede = (ret: Pick<Return, 'id'>, body: unknown, idempotencyKey?: string) =>
    invoke('AddConcession', {
      sellerId,
      path: `/v1/returns/${ret.id}/concessions`,
      body,
      ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
    });

  const goodwill = (amount: number, currency = 'USD') => ({
    amount: { amount, currency },
    reason: 'Sorry for the wait',
  });

  it('pays a goodwill credit once and answers 201 with the completed concession', async () => {
    const ret = await partlyRefunded();

    const answer = await concede(ret, goodwill(500));

    expect(answer.status).toBe(201);
    const concession = answer.body.concession as Record<string, unknown>;
    expect(concession).toMatchObject({
      amount: { amount: 500, currency: 'USD' },
      reason: 'Sorry for the wait',
      status: 'COMPLETED',
      providerRef: expect.stringMatching(/^re_/),
    });
    expect(answer.body.return).toMatchObject({ id: ret.id, status: 'COMPLETED', concessions: [concession] });
    expect(await paymentsOf(ret)).toEqual([
      expect.objectContaining({
        idempotencyKey: concession.concessionId,
        kind: 'CONCESSION',
        amount: { amount: 500, currency: 'USD' },
        providerRef: concession.providerRef,
      }),
    ]);
    const after = await reread(ret);
    expect(after.status).toBe('COMPLETED');
    expect(after.concessions).toEqual([concession]);
    expect(entriesOf(after, 'ADD_CONCESSION')).toHaveLength(1);
  });

  it('answers 20 parallel concessions so that a 409 wrote nothing and every written concession is paid', async () => {
    for (let round = 0; round < 6; round++) {
      const ret = await partlyRefunded(); // 600 left: four concessions of 150 fit
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => concede(ret, goodwill(150), uniqueId('parallel'))),
      );
      for (const answer of answers) {
        expect([201, 409, 422]).toContain(answer.status);
      }
      const answered = answers
        .filter((a) => a.status === 201)
        .map((a) => (a.body.concession as { concessionId: string }).concessionId);
      const after = await reread(ret);
      expect(after.concessions.map((c) => c.concessionId).sort()).toEqual(answered.sort());
      for (const concession of after.concessions) {
        expect(concession).toMatchObject({ status: 'COMPLETED', providerRef: expect.stringMatching(/^re_/) });
      }
      expect(await paymentsOf(ret)).toHaveLength(answered.length);
    }
  });

  it('answers the same Idempotency-Key with the first answer, paying once', async () => {
    const ret = await partlyRefunded();
    const key = uniqueId('concession-key');

    const first = await concede(ret, goodwill(300), key);
    const again = await concede(ret, goodwill(300), key);

    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    expect(await paymentsOf(ret)).toHaveLength(1);
    expect((await reread(ret)).concessions).toHaveLength(1);
  });

  it('refuses more than what remains, another currency and a zero amount, paying nothing', async () => {
    const ret = await partlyRefunded();

    const tooMuch = await concede(ret, goodwill(601));
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.contentType).toBe('application/problem+json');
    expect(tooMuch.body.errors).toEqual([{ field: 'amount', rule: expect.stringContaining('at most 600 ') }]);

    const otherCurrency = await concede(ret, goodwill(100, 'CAD'));
    expect(otherCurrency.status).toBe(422);
    expect(otherCurrency.body.errors).toEqual([{ field: 'amount/currency', rule: 'must be USD' }]);

    const zero = await concede(ret, goodwill(0));
    expect(zero.status).toBe(400);
    expect(zero.contentType).toBe('application/problem+json');
    expect(zero.body.errors).toEqual([{ field: 'amount/amount', rule: 'must be more than zero' }]);

    expect(await reread(ret)).toEqual(ret);
    expect(await paymentsOf(ret)).toEqual([]);

    // What remains is exactly what may still be credited; after it, nothing is left.
    expect((await concede(ret, goodwill(600))).status).toBe(201);
    const none = await concede(ret, goodwill(1));
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([{ field: 'amount', rule: expect.stringContaining('at most 0 ') }]);
    expect(await paymentsOf(ret)).toHaveLength(1);
  });

  it('refuses a concession on a cancelled return', async () => {
    const ret = await stored({ status: 'CANCELLED' });

    const answer = await concede(ret, goodwill(100));

    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ type: '/problems/illegal-transition' });
    expect(await reread(ret)).toEqual(ret);
    expect(await paymentsOf(ret)).toEqual([]);
  });

  it('records a declined concession as FAILED; its key answers the decline again (Stripe keeps it), a new key pays once', async () => {
    const ret = await partlyRefunded();
    const key = uniqueId('concession-key');
    await setPaymentMode('decline');

    const declined = await concede(ret, goodwill(250), key);

    expect(declined.status).toBe(422);
    expect(declined.contentType).toBe('application/problem+json');
    expect(declined.body.type).toBe('/problems/payment-declined');
    expect(declined.body.detail).toMatch(/; the concession is recorded as FAILED and nothing was paid$/);
    const failed = await reread(ret);
    expect(failed.concessions).toEqual([
      expect.objectContaining({ amount: { amount: 250, currency: 'USD' }, status: 'FAILED' }),
    ]);
    expect(failed.concessions[0]).not.toHaveProperty('providerRef');
    expect(await paymentsOf(ret)).toEqual([]);

    await setPaymentMode('succeed');
    // Stripe answers a key with its first answer, a decline included: the same key pays nothing.
    expect((await concede(ret, goodwill(250), key)).status).toBe(422);
    expect(await paymentsOf(ret)).toEqual([]);

    const anew = await concede(ret, goodwill(250), uniqueId('concession-key'));

    expect(anew.status).toBe(201);
    const payments = await paymentsOf(ret);
    expect(payments).toHaveLength(1);
    expect(anew.body.concession).toMatchObject({
      status: 'COMPLETED',
      providerRef: payments[0]!.providerRef,
    });
    const read = await invoke('GetReturn', { sellerId, path: `/v1/returns/${ret.id}` });
    expect(read.body.concessions).toEqual([failed.concessions[0], anew.body.concession]);
  });
  it("refuses a declined concession's Idempotency-Key reused with another amount, paying nothing", async () => {
    const ret = await partlyRefunded();
    const key = uniqueId('concession-key');
    await setPaymentMode('decline');
    expect((await concede(ret, goodwill(250), key)).status).toBe(422);
    await setPaymentMode('succeed');

    // Same key, another body (docs/design.md §8.1: "same key and another body: an error").
    const reused = await concede(ret, goodwill(400), key);

    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe('/problems/idempotency-key-reused');
    expect(await paymentsOf(ret)).toEqual([]);
  });
});
