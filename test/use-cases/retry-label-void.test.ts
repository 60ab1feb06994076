import { describe, expect, it } from 'vitest';
import { LabelVoidNotOwedError, NotFoundError } from '../../domain/errors.js';
import type { Return } from '../../domain/return.js';
import { closeReturn } from '../../functions/use-cases/close-return.js';
import { retryLabelVoid } from '../../functions/use-cases/retry-label-void.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

/** A return waiting for the buyer to ship, its label bought through EasyPost. */
const labelled = (overrides: Partial<Return> = {}): Return => {
  const ret = makeReturn({ sellerId, status: 'LABEL_ISSUED', pipeline: { taskToken: 'carrier-token' } });
  return { ...ret, label: { ...ret.label!, provider: 'easypost', shipmentId: 'shp_1' }, ...overrides };
};

const world = (ret: Return) => Object.assign(inMemoryWorld([ret]), { sleep: async () => {} });

/** A return closed while the label provider was down: its void FAILED after three attempts. */
const closedWithFailedVoid = async () => {
  const ret = labelled();
  const w = world(ret);
  w.carrier.voidFailures = 3;
  await closeReturn(w, sellerId, ret.id, { reason: 'OTHER' });
  expect(w.returns.latest(ret).label?.void).toMatchObject({ status: 'FAILED', attempts: 3 });
  return { ret, w };
};

describe("a person's retry of a label void", () => {
  it('voids the label once the provider is back, counting every attempt, and answers the return', async () => {
    const { ret, w } = await closedWithFailedVoid();

    const answer = await retryLabelVoid(w, sellerId, ret.id);

    expect(answer.label?.void).toEqual({ status: 'REFUNDED', at: w.clock.now().toISOString(), attempts: 4 });
    expect(w.returns.latest(ret)).toEqual(answer);
    expect(w.carrier.voidRequests).toEqual(['shp_1', 'shp_1', 'shp_1', 'shp_1']);
    expect(answer.timeline.filter((e) => e.type === 'VOID_LABEL').map((e) => e.data?.status)).toEqual([
      'FAILED',
      'REFUNDED',
    ]);
  });

  it('records FAILED again, with the error, while the provider still fails, and may be tried again', async () => {
    const { ret, w } = await closedWithFailedVoid();
    w.carrier.voidFailures = 3;

    const failed = await retryLabelVoid(w, sellerId, ret.id);
    expect(failed.label?.void).toMatchObject({ status: 'FAILED', attempts: 6, error: expect.any(String) });

    const voided = await retryLabelVoid(w, sellerId, ret.id);
    expect(voided.label?.void).toMatchObject({ status: 'REFUNDED', attempts: 7 });
  });

  it.each([
    [
      'a void that went through',
      async () => {
        const ret = labelled();
        const w = world(ret);
        await closeReturn(w, sellerId, ret.id, { reason: 'OTHER' });
        return { ret, w };
      },
      'its void is REFUNDED',
    ],
    [
      'an open return',
      async () => {
        const ret = labelled();
        return { ret, w: world(ret) };
      },
      'only the unused label of a return that ended before the carrier scanned it is voided',
    ],
    [
      'a return without a label',
      async () => {
        const ret = makeReturn({ sellerId, status: 'CLOSED', label: undefined, trackingNumber: undefined });
        return { ret, w: world(ret) };
      },
      'the return has no label',
    ],
  ])('refuses %s, asking the provider nothing and writing nothing', async (_what, arrange, reason) => {
    const { ret, w } = await arrange();
    const before = w.returns.latest(ret);
    const requests = w.carrier.voidRequests.length;

    await expect(retryLabelVoid(w, sellerId, ret.id)).rejects.toEqual(new LabelVoidNotOwedError(reason));

    expect(w.returns.latest(ret)).toEqual(before);
    expect(w.carrier.voidRequests).toHaveLength(requests);
  });

  it("answers another seller's return as not found", async () => {
    const { ret, w } = await closedWithFailedVoid();
    await expect(retryLabelVoid(w, 'another-seller', ret.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(w.returns.latest(ret).label?.void?.status).toBe('FAILED');
  });
});
