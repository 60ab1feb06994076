import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, ValidationError } from '../../domain/errors.js';
import type { Inspection } from '../../domain/inspection.js';
import { submitInspection } from '../../functions/use-cases/submit-inspection.js';
import { otherWriterApplying, runParks } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;
const INSPECTION: Inspection = {
  lines: [{ sku: 'SKU-1', grade: 'OPENED', notes: 'seal broken, item intact' }],
  disposition: 'RESTOCK',
  notes: 'checked at dock 2',
};
const delivered = (pipeline?: { inspectionToken: string }) =>
  makeReturn({ sellerId, status: 'DELIVERED', ...(pipeline ? { pipeline } : {}) });

describe('submitInspection', () => {
  it("records the seller's inspection at once and resumes the run waiting for it", async () => {
    const ret = delivered({ inspectionToken: 'inspection-token' });
    const world = inMemoryWorld([ret]);

    const inspected = await submitInspection(world, sellerId, ret.id, INSPECTION);

    expect(world.returns.latest(ret)).toEqual(inspected);
    expect(inspected).toMatchObject({
      status: 'INSPECTED',
      inspection: INSPECTION,
      version: ret.version + 1,
    });
    expect(inspected.timeline.at(-1)).toMatchObject({
      type: 'RECORD_INSPECTION',
      from: 'DELIVERED',
      to: 'INSPECTED',
      actor: { kind: 'seller', id: sellerId },
      note: INSPECTION.notes,
    });
    expect(world.pipeline.resumed).toEqual([
      { taskToken: 'inspection-token', output: { inspectedAt: inspected.updatedAt } },
    ]);
  });

  it('records it before the run parks, resuming nothing: the run finds it INSPECTED', async () => {
    const ret = delivered();
    const world = inMemoryWorld([ret]);

    await submitInspection(world, sellerId, ret.id, INSPECTION);

    expect(world.returns.latest(ret).status).toBe('INSPECTED');
    expect(world.pipeline.resumed).toEqual([]);
  });

  it('takes the very same result again, resuming once more, so a retry after a failed resume goes on', async () => {
    const ret = delivered({ inspectionToken: 'inspection-token' });
    const world = inMemoryWorld([ret]);
    world.pipeline.down = true;
    await expect(submitInspection(world, sellerId, ret.id, INSPECTION)).rejects.toThrow(/unreachable/);
    const recorded = world.returns.latest(ret);
    world.pipeline.down = false;

    expect(await submitInspection(world, sellerId, ret.id, INSPECTION)).toEqual(recorded);
    expect(world.returns.latest(ret)).toEqual(recorded);
    expect(world.pipeline.resumed.map((r) => r.taskToken)).toEqual(['inspection-token']);
  });

  it('refuses a return still on its way or inspected with another result, and a SKU not on it', async () => {
    const inTransit = makeReturn({ sellerId, status: 'IN_TRANSIT' });
    const inspected = makeReturn({ sellerId, status: 'INSPECTED' });
    const ret = delivered();
    const world = inMemoryWorld([inTransit, inspected, ret]);

    for (const early of [inTransit, inspected]) {
      await expect(submitInspection(world, sellerId, early.id, INSPECTION)).rejects.toThrow(
        IllegalTransitionError,
      );
    }
    const unknownSku = submitInspection(world, sellerId, ret.id, {
      ...INSPECTION,
      lines: [{ sku: 'SKU-404', grade: 'AS_NEW' }],
    });
    await expect(unknownSku).rejects.toThrow(ValidationError);
    await expect(unknownSku).rejects.toMatchObject({ issues: [{ field: 'lines/0/sku' }] });

    expect([inTransit, inspected, ret].map((r) => world.returns.latest(r))).toEqual([
      inTransit,
      inspected,
      ret,
    ]);
    expect(world.pipeline.resumed).toEqual([]);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('resumes the run whose token the other writer stored', async () => {
      const ret = delivered();
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(runParks('AWAIT_INSPECTION', 'inspection-token'));

      const inspected = await submitInspection(world, sellerId, ret.id, INSPECTION);

      expect(world.returns.conflicts).toBe(1);
      expect(inspected.timeline.slice(-2).map((e) => e.type)).toEqual([
        'AWAIT_INSPECTION',
        'RECORD_INSPECTION',
      ]);
      expect(world.pipeline.resumed).toEqual([
        { taskToken: 'inspection-token', output: { inspectedAt: inspected.updatedAt } },
      ]);
    });

    it("refuses when the warehouse's result was recorded first, keeping it", async () => {
      const ret = delivered();
      const world = inMemoryWorld([ret]);
      const theirs: Inspection = { lines: [{ sku: 'SKU-1', grade: 'USED' }], disposition: 'LIQUIDATE' };
      world.returns.raceNextUpdate(
        otherWriterApplying({ type: 'RECORD_INSPECTION', inspection: theirs }, { kind: 'warehouse' }),
      );

      await expect(submitInspection(world, sellerId, ret.id, INSPECTION)).rejects.toThrow(
        IllegalTransitionError,
      );
      expect(world.returns.latest(ret).inspection).toEqual(theirs);
    });
  });
});
