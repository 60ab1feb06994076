import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import type { InspectionMessage } from '../../domain/inspection.js';
import type { Return } from '../../domain/return.js';
import {
  NotYetDeliveredError,
  recordInspectionResult,
} from '../../functions/use-cases/record-inspection-result.js';
import { otherWriterApplying, runParks } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

const messageFor = (ret: Return): InspectionMessage => ({
  returnId: ret.id,
  sellerId,
  lines: [{ sku: 'SKU-1', grade: 'OPENED', notes: 'box opened, item intact' }],
  disposition: 'RESTOCK',
  inspector: 'dock-7',
});
const inspectionOf = ({ returnId: _r, sellerId: _s, ...inspection }: InspectionMessage) => inspection;

describe('recordInspectionResult', () => {
  it('records the inspection as the warehouse and resumes the run waiting for it', async () => {
    const ret = makeReturn({
      sellerId,
      status: 'DELIVERED',
      pipeline: { inspectionToken: 'inspection-token' },
    });
    const world = inMemoryWorld([ret]);
    const message = messageFor(ret);

    expect(await recordInspectionResult(world, message)).toBe('recorded');

    const after = world.returns.latest(ret);
    expect(after).toMatchObject({
      status: 'INSPECTED',
      inspection: inspectionOf(message),
      version: ret.version + 1,
    });
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'RECORD_INSPECTION',
      from: 'DELIVERED',
      to: 'INSPECTED',
      actor: { kind: 'warehouse', id: 'dock-7' },
    });
    expect(world.pipeline.resumed).toEqual([
      { taskToken: 'inspection-token', output: { inspectedAt: after.updatedAt } },
    ]);
  });

  it('takes a redelivered message as a duplicate, writing nothing and resuming again', async () => {
    const ret = makeReturn({
      sellerId,
      status: 'DELIVERED',
      pipeline: { inspectionToken: 'inspection-token' },
    });
    const world = inMemoryWorld([ret]);
    await recordInspectionResult(world, messageFor(ret));
    const recorded = world.returns.latest(ret);

    expect(await recordInspectionResult(world, messageFor(ret))).toBe('duplicate');
    expect(world.returns.latest(ret)).toEqual(recorded);
    expect(world.pipeline.resumed.map((r) => r.taskToken)).toEqual(['inspection-token', 'inspection-token']);
  });

  it('hands a result back to the queue while the parcel is on its way', async () => {
    const ret = makeReturn({ sellerId, status: 'IN_TRANSIT' });
    const world = inMemoryWorld([ret]);

    await expect(recordInspectionResult(world, messageFor(ret))).rejects.toThrow(NotYetDeliveredError);
    expect(world.returns.latest(ret)).toEqual(ret);
  });

  it('refuses a return that takes no inspection', async () => {
    const ret = makeReturn({ sellerId, status: 'CLOSED' });
    const world = inMemoryWorld([ret]);

    await expect(recordInspectionResult(world, messageFor(ret))).rejects.toThrow(IllegalTransitionError);
    expect(world.returns.latest(ret)).toEqual(ret);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('resumes the run whose token the other writer stored', async () => {
      const ret = makeReturn({ sellerId, status: 'DELIVERED' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(runParks('AWAIT_INSPECTION', 'inspection-token'));

      expect(await recordInspectionResult(world, messageFor(ret))).toBe('recorded');

      const after = world.returns.latest(ret);
      expect(world.returns.conflicts).toBe(1);
      expect(after.timeline.slice(-2).map((e) => e.type)).toEqual(['AWAIT_INSPECTION', 'RECORD_INSPECTION']);
      expect(world.pipeline.resumed).toEqual([
        { taskToken: 'inspection-token', output: { inspectedAt: after.updatedAt } },
      ]);
    });

    it('takes it as a duplicate when the other writer recorded an inspection first', async () => {
      const ret = makeReturn({
        sellerId,
        status: 'DELIVERED',
        pipeline: { inspectionToken: 'inspection-token' },
      });
      const world = inMemoryWorld([ret]);
      const theirs = { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' as const }], disposition: 'RESTOCK' as const };
      world.returns.raceNextUpdate(
        otherWriterApplying(
          { type: 'RECORD_INSPECTION', inspection: theirs },
          { kind: 'seller', id: sellerId },
        ),
      );

      expect(await recordInspectionResult(world, messageFor(ret))).toBe('duplicate');

      const after = world.returns.latest(ret);
      expect(after.inspection).toEqual(theirs);
      expect(after.timeline.filter((e) => e.type === 'RECORD_INSPECTION')).toHaveLength(1);
      expect(world.pipeline.resumed.map((r) => r.taskToken)).toEqual(['inspection-token']);
    });
  });
});
