import { describe, expect, it } from 'vitest';
import type { Return } from '../../domain/return.js';
import { awaitInspection } from '../../functions/use-cases/await-inspection.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { expectOneChange } from '../support/in-memory/one-change.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';

const { sellerId } = TEST_SELLER;
const delivered = () => makeReturn({ sellerId, status: 'DELIVERED' });

const run = (world: InMemoryWorld, ret: Return, taskToken = 'inspection-token') =>
  awaitInspection(world, sellerId, ret.id, taskToken);

/** The warehouse's result, as the inspection consumer records it. */
const warehouseInspects = otherWriterApplying(
  {
    type: 'RECORD_INSPECTION',
    inspection: { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' },
  },
  { kind: 'warehouse' },
);

describe('awaitInspection', () => {
  it('parks the run with its token on the return, writing no event (the delivery told the buyer)', async () => {
    const ret = delivered();
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expectOneChange(
      world,
      ret,
      { status: 'DELIVERED', pipeline: { inspectionToken: 'inspection-token' } },
      { type: 'AWAIT_INSPECTION', from: 'DELIVERED', to: 'DELIVERED', note: 'waiting for the inspection' },
    );
    expect(world.returns.latest(ret).outbox).toBeUndefined();
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
    expect(world.pipeline.resumed).toEqual([]);
  });

  it('goes on at once, writing nothing, when the inspection result came through already', async () => {
    const ret = makeReturn({ sellerId, status: 'INSPECTED' });
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expect(world.returns.latest(ret)).toEqual(ret);
    expect(world.pipeline.resumed).toEqual([
      { taskToken: 'inspection-token', output: { inspectedAt: ret.updatedAt } },
    ]);
  });

  it('keeps the latest token waiting on the return however often the step runs', async () => {
    const ret = delivered();
    const world = inMemoryWorld([ret]);

    await run(world, ret, 'first-token');
    await run(world, ret, 'retried-token');
    await run(world, ret, 'retried-token');

    expect(world.returns.latest(ret).pipeline).toEqual({ inspectionToken: 'retried-token' });
  });

  it('lets the run go quietly for a return closed meanwhile, telling nobody', async () => {
    const ret = makeReturn({ sellerId, status: 'CLOSED' });
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expect(world.pipeline.abandoned).toEqual([
      { taskToken: 'inspection-token', why: 'the return is CLOSED' },
    ]);
    expect(world.returns.latest(ret)).toEqual(ret);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('goes on at once when the inspection landed first, rather than wait for a result already given', async () => {
      const ret = delivered();
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(warehouseInspects);

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(world.returns.conflicts).toBe(1);
      expect(stored).toMatchObject({ status: 'INSPECTED', version: ret.version + 1 });
      expect(stored.pipeline?.inspectionToken).toBeUndefined();
      expect(world.pipeline.resumed).toEqual([
        { taskToken: 'inspection-token', output: { inspectedAt: stored.updatedAt } },
      ]);
    });
  });
});
