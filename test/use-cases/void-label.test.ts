import { describe, expect, it } from 'vitest';
import type { Return } from '../../domain/return.js';
import { cancelReturn } from '../../functions/use-cases/cancel-return.js';
import { closeReturn } from '../../functions/use-cases/close-return.js';
import { closeUnshipped } from '../../functions/use-cases/close-unshipped.js';
import { voidUnusedLabel } from '../../functions/use-cases/void-label.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

/** A return waiting for the buyer to ship, its label bought through EasyPost. */
const labelled = (overrides: Partial<Return> = {}): Return => {
  const ret = makeReturn({ sellerId, status: 'LABEL_ISSUED', pipeline: { taskToken: 'carrier-token' } });
  return { ...ret, label: { ...ret.label!, provider: 'easypost', shipmentId: 'shp_1' }, ...overrides };
};

const world = (ret: Return) => {
  const w = inMemoryWorld([ret]);
  return Object.assign(w, { sleep: async () => {} });
};

const voidEntries = (w: InMemoryWorld, ret: Return) =>
  w.returns.latest(ret).timeline.filter((e) => e.type === 'VOID_LABEL');

describe('an unused label is voided whichever way the return ends unshipped', () => {
  it.each([
    [
      'the buyer cancels',
      (w: InMemoryWorld, ret: Return) => cancelReturn(w, sellerId, ret.id, {}),
      'CANCELLED',
    ],
    [
      'the seller closes',
      (w: InMemoryWorld, ret: Return) =>
        closeReturn(w, sellerId, ret.id, { reason: 'OTHER', comment: 'sold out' }),
      'CLOSED',
    ],
    [
      'the ship-by window passes',
      (w: InMemoryWorld, ret: Return) => closeUnshipped(w, sellerId, ret.id),
      'CLOSED',
    ],
  ])('%s: refunded through the provider, on the label and the timeline', async (_how, end, status) => {
    const ret = labelled();
    const w = world(ret);
    await end(w, ret);
    const stored = w.returns.latest(ret);
    expect(stored.status).toBe(status);
    expect(w.carrier.voidRequests).toEqual(['shp_1']);
    expect(stored.label?.void).toEqual({ status: 'REFUNDED', at: w.clock.now().toISOString(), attempts: 1 });
    expect(voidEntries(w, ret)).toEqual([
      expect.objectContaining({ from: status, to: status, data: { status: 'REFUNDED', attempts: 1 } }),
    ]);
  });

  it('answers the close with the voided label', async () => {
    const ret = labelled();
    const closed = await closeReturn(world(ret), sellerId, ret.id, { reason: 'OTHER' });
    expect(closed.label?.void?.status).toBe('REFUNDED');
  });

  it('retries a failing void, then leaves it FAILED with the error for a person, and the close stands', async () => {
    const ret = labelled();
    const w = world(ret);
    w.carrier.voidFailures = 5;
    const closed = await closeReturn(w, sellerId, ret.id, { reason: 'OTHER' });
    expect(closed.status).toBe('CLOSED');
    expect(w.carrier.voidRequests).toEqual(['shp_1', 'shp_1', 'shp_1']);
    expect(closed.label?.void).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      error: 'Error: the label API timed out',
    });

    // A later try (by a person, or whatever triggers it) voids it, counting every attempt.
    w.carrier.voidFailures = 0;
    const retried = await voidUnusedLabel(w, sellerId, ret.id);
    expect(retried?.label?.void).toMatchObject({ status: 'REFUNDED', attempts: 4 });
  });

  it('a void that went through is never asked again', async () => {
    const ret = labelled();
    const w = world(ret);
    await cancelReturn(w, sellerId, ret.id, {});
    expect(await voidUnusedLabel(w, sellerId, ret.id)).toBeUndefined();
    expect(w.carrier.voidRequests).toEqual(['shp_1']);
    expect(voidEntries(w, ret)).toHaveLength(1);
  });

  it('leaves a label the carrier scanned, and one no provider sold (the fake carrier), alone', async () => {
    const scanned = labelled({
      status: 'NEEDS_ATTENTION',
      lastTrackingStatus: 'IN_TRANSIT',
      attention: { step: 'IssueLabel', error: 'lost', resumeStatus: 'IN_TRANSIT' },
    });
    const w = world(scanned);
    await closeReturn(w, sellerId, scanned.id, { reason: 'OTHER' });
    expect(w.returns.latest(scanned).status).toBe('CLOSED');
    expect(w.carrier.voidRequests).toEqual([]);

    const fake = makeReturn({ sellerId, status: 'LABEL_ISSUED' });
    const w2 = world(fake);
    await cancelReturn(w2, sellerId, fake.id, {});
    expect(w2.carrier.voidRequests).toEqual([]);
    expect(voidEntries(w2, fake)).toEqual([]);
  });
});
