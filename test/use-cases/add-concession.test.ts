import { IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, ValidationError } from '../../domain/errors.js';
import { PaymentDeclinedError } from '../../domain/errors.js';
import type { Concession, Return } from '../../domain/return.js';
import { addConcession } from '../../functions/use-cases/add-concession.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

/** A completed return refunded 22.07 of the 28.07 paid (a restocking fee): 6.00 is left to credit. */
const partlyRefunded = (): Return => {
  const ret = makeReturn({ sellerId, status: 'COMPLETED', reason: 'NO_LONGER_NEEDED' });
  ret.refund!.amount.amount = 2_207;
  return ret;
};

const goodwill = (amount: number) => ({ amount: { amount, currency: 'USD' as const }, reason: 'Sorry' });

/** Another request's concession, as it would have written it. */
const otherConcession = (concessionId: string, amount: number): Concession => ({
  concessionId,
  amount: { amount, currency: 'USD' },
  reason: 'Sorry',
  status: 'SUBMITTED',
  at: '2026-11-10T11:00:00Z',
});

const entries = (ret: Return, type: string) => ret.timeline.filter((e) => e.type === type);

describe('addConcession', () => {
  it('pays a goodwill credit once and records it on the return as COMPLETED', async () => {
    const ret = partlyRefunded();
    const world = inMemoryWorld([ret]);

    const { ret: after, concession } = await addConcession(world, sellerId, ret.id, goodwill(500), undefined);

    expect(concession).toEqual({
      concessionId: expect.stringMatching(new RegExp(`^${ret.id}-concession-`)),
      amount: { amount: 500, currency: 'USD' },
      reason: 'Sorry',
      status: 'COMPLETED',
      at: world.clock.now().toISOString(),
      providerRef: 'pay_1',
    });
    expect(world.returns.latest(ret)).toEqual(after);
    expect(after).toMatchObject({ status: 'COMPLETED', version: ret.version + 2, concessions: [concession] });
    expect(after.timeline.slice(-2)).toMatchObject([
      { type: 'ADD_CONCESSION', from: 'COMPLETED', to: 'COMPLETED', actor: { kind: 'seller', id: sellerId } },
      { type: 'CONCESSION_STATUS', data: { concessionId: concession.concessionId, status: 'COMPLETED' } },
    ]);
    expect(world.payments.payments).toEqual([
      expect.objectContaining({
        idempotencyKey: concession.concessionId,
        kind: 'CONCESSION',
        orderId: ret.orderId,
        amount: { amount: 500, currency: 'USD' },
      }),
    ]);
  });

  it('takes the same Idempotency-Key up again without paying or writing twice', async () => {
    const ret = partlyRefunded();
    const world = inMemoryWorld([ret]);

    const first = await addConcession(world, sellerId, ret.id, goodwill(300), 'key-1');
    const again = await addConcession(world, sellerId, ret.id, goodwill(300), 'key-1');

    expect(again).toEqual(first);
    expect(world.payments.payments).toHaveLength(1);
    expect(world.returns.latest(ret).concessions).toHaveLength(1);
  });

  it('refuses more than what remains, writing and paying nothing', async () => {
    const ret = partlyRefunded();
    const world = inMemoryWorld([ret]);

    const refused = addConcession(world, sellerId, ret.id, goodwill(601), undefined);

    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toMatchObject({ issues: [{ field: 'amount' }] });
    expect(world.returns.latest(ret)).toEqual(ret);
    expect(world.payments.payments).toEqual([]);
  });

  it('refuses a 21st concession on one return (its share of the item is full), paying nothing', async () => {
    const ret = partlyRefunded();
    ret.concessions = Array.from({ length: 20 }, (_, i) => ({
      ...otherConcession(`${ret.id}-concession-${i}`, 1),
      status: 'COMPLETED' as const,
    }));
    const world = inMemoryWorld([ret]);

    await expect(addConcession(world, sellerId, ret.id, goodwill(1), undefined)).rejects.toThrow(
      ValidationError,
    );
    expect(world.returns.latest(ret)).toEqual(ret);
    expect(world.payments.payments).toEqual([]);
  });

  it('refuses a concession on a cancelled return', async () => {
    const ret = makeReturn({ sellerId, status: 'CANCELLED' });
    const world = inMemoryWorld([ret]);

    await expect(addConcession(world, sellerId, ret.id, goodwill(100), undefined)).rejects.toThrow(
      IllegalTransitionError,
    );
    expect(world.returns.latest(ret)).toEqual(ret);
  });

  it('records a declined concession as FAILED; a retry with its key pays once; another body is refused', async () => {
    const ret = partlyRefunded();
    const world = inMemoryWorld([ret]);
    world.payments.declining = true;

    await expect(addConcession(world, sellerId, ret.id, goodwill(250), 'key-1')).rejects.toThrow(
      PaymentDeclinedError,
    );
    const [failed] = world.returns.latest(ret).concessions;
    expect(failed).toMatchObject({ status: 'FAILED', amount: { amount: 250 } });

    world.payments.declining = false;
    await expect(addConcession(world, sellerId, ret.id, goodwill(400), 'key-1')).rejects.toThrow(
      IdempotencyValidationError,
    );
    const retried = await addConcession(world, sellerId, ret.id, goodwill(250), 'key-1');

    expect(retried.concession).toMatchObject({ concessionId: failed!.concessionId, status: 'COMPLETED' });
    expect(world.payments.payments).toHaveLength(1);
    expect(world.returns.latest(ret).concessions).toEqual([retried.concession]);
  });

  it('records the payment of a written concession through many writers racing it, leaving none SUBMITTED', async () => {
    const ret = partlyRefunded();
    const world = inMemoryWorld([ret]);
    // Once the concession is written and being paid, five other requests' concessions land first, in turn.
    const pay = world.payments.pay.bind(world.payments);
    world.payments.pay = (request) => {
      for (let i = 0; i < 5; i++) {
        const other = otherConcession(`${ret.id}-concession-other-${i}`, 10);
        world.returns.raceNextUpdate(
          otherWriterApplying(
            { type: 'ADD_CONCESSION', concession: other },
            { kind: 'seller', id: sellerId },
          ),
        );
      }
      return pay(request);
    };

    const { concession } = await addConcession(world, sellerId, ret.id, goodwill(150), 'raced-key');

    expect(world.returns.conflicts).toBe(5);
    const mine = world.returns
      .latest(ret)
      .concessions.find((c) => c.concessionId === concession.concessionId);
    expect(mine).toMatchObject({ status: 'COMPLETED', providerRef: 'pay_1' });
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('comes to the same answer when the change does not matter, keeping the other change', async () => {
      const ret = partlyRefunded();
      const calm = inMemoryWorld([ret]);
      const raced = inMemoryWorld([ret]);
      raced.returns.raceNextUpdate(
        otherWriterApplying({ type: 'ADD_CONCESSION', concession: otherConcession('other', 100) }),
      );

      const expected = await addConcession(calm, sellerId, ret.id, goodwill(500), 'key-1');
      const outcome = await addConcession(raced, sellerId, ret.id, goodwill(500), 'key-1');

      expect(raced.returns.conflicts).toBe(1);
      expect(outcome.concession).toEqual(expected.concession);
      expect(raced.returns.latest(ret).concessions.map((c) => c.concessionId)).toEqual([
        'other',
        expected.concession.concessionId,
      ]);
      expect(raced.payments.payments).toEqual(calm.payments.payments);
    });

    it('re-checks the cap on the latest credits: what the other took is no longer there', async () => {
      const ret = partlyRefunded();
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(
        otherWriterApplying({ type: 'ADD_CONCESSION', concession: otherConcession('other', 300) }),
      );

      const refused = addConcession(world, sellerId, ret.id, goodwill(400), undefined);

      await expect(refused).rejects.toThrow(/at most 300 USD/);
      expect(world.returns.conflicts).toBe(1);
      expect(world.returns.latest(ret).concessions.map((c) => c.concessionId)).toEqual(['other']);
      expect(world.payments.payments).toEqual([]);
    });

    it('takes up the concession a racing request with the same Idempotency-Key wrote, paying it once', async () => {
      const ret = partlyRefunded();
      const calm = inMemoryWorld([ret]);
      const expected = await addConcession(calm, sellerId, ret.id, goodwill(200), 'key-1');
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(
        otherWriterApplying(
          {
            type: 'ADD_CONCESSION',
            concession: { ...expected.concession, status: 'SUBMITTED', providerRef: undefined },
          },
          { kind: 'seller', id: sellerId },
        ),
      );

      const outcome = await addConcession(world, sellerId, ret.id, goodwill(200), 'key-1');

      expect(world.returns.conflicts).toBe(1);
      expect(outcome.concession).toEqual(expected.concession);
      const after = world.returns.latest(ret);
      expect(after.concessions).toEqual([expected.concession]);
      // The other request's entry, then this one's word from the provider: nothing written over.
      expect(after.version).toBe(ret.version + 2);
      expect(entries(after, 'ADD_CONCESSION')).toHaveLength(1);
      expect(world.payments.payments).toHaveLength(1);
    });
  });
});
