import { describe, expect, it } from 'vitest';
import type { Return } from '../../domain/return.js';
import { awaitInspection } from '../../functions/use-cases/await-inspection.js';
import { InMemoryMailer } from '../support/in-memory/mailer.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { expectOneChange } from '../support/in-memory/one-change.js';

const { sellerId } = TEST_SELLER;
const delivered = () => makeReturn({ sellerId, status: 'DELIVERED' });

const run = (world: InMemoryWorld, ret: Return, taskToken = 'inspection-token') =>
  awaitInspection(world, sellerId, ret.id, taskToken);

const receivedMails = (world: InMemoryWorld, ret: Return) =>
  world.mailer.sent.filter(
    (m) => m.to === ret.buyer.email && m.subject === `We've received your return ${ret.rma}`,
  );

/** The warehouse's result, as the inspection consumer records it. */
const warehouseInspects = otherWriterApplying(
  {
    type: 'RECORD_INSPECTION',
    inspection: { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' },
  },
  { kind: 'warehouse' },
);

describe('awaitInspection', () => {
  it('parks the run with its token on the return and tells the buyer the parcel arrived', async () => {
    const ret = delivered();
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expectOneChange(
      world,
      ret,
      { status: 'DELIVERED', pipeline: { inspectionToken: 'inspection-token' } },
      { type: 'AWAIT_INSPECTION', from: 'DELIVERED', to: 'DELIVERED', note: 'waiting for the inspection' },
    );
    expect(world.mailer.sent).toEqual(receivedMails(world, ret));
    expect(receivedMails(world, ret)).toHaveLength(1);
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

  it('mails the buyer once however often the step runs, the latest token waiting on the return', async () => {
    const ret = delivered();
    const world = { ...inMemoryWorld([ret]), mailer: new InMemoryMailer(1) };

    await expect(run(world, ret, 'first-token')).rejects.toThrow(/mail service/);
    await run(world, ret, 'retried-token');
    await run(world, ret, 'retried-token');

    expect(world.returns.latest(ret).pipeline).toEqual({ inspectionToken: 'retried-token' });
    expect(receivedMails(world, ret)).toHaveLength(1);
  });

  it('lets the run go quietly for a return closed meanwhile, telling nobody', async () => {
    const ret = makeReturn({ sellerId, status: 'CLOSED' });
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expect(world.pipeline.abandoned).toEqual([
      { taskToken: 'inspection-token', why: 'the return is CLOSED' },
    ]);
    expect(world.returns.latest(ret)).toEqual(ret);
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
      expect(receivedMails(world, ret)).toHaveLength(1);
    });
  });
});
