import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import { transition } from '../../domain/lifecycle.js';
import type { Return, Status } from '../../domain/return.js';
import { retryReturn } from '../../functions/use-cases/retry-return.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { runStart } from '../../functions/pipeline/pipeline-contract.js';

const { sellerId } = TEST_SELLER;

/** A return whose `step` failed while it was in `status`. */
const stuck = (status: Status, step: string): Return =>
  transition(
    makeReturn({ sellerId, status }),
    { type: 'RECORD_STEP_FAILURE', step, error: 'timed out' },
    { now: new Date('2026-11-09T00:00:00Z'), actor: { kind: 'system' } },
  );

describe('retryReturn', () => {
  it('brings the return back to where the step failed and starts a new run there', async () => {
    const ret = stuck('DELIVERED', 'AwaitInspection');
    const world = inMemoryWorld([ret]);

    const retried = await retryReturn(world, sellerId, ret.id, 'req-1');

    expect(world.returns.latest(ret)).toEqual(retried);
    expect(retried).toMatchObject({ status: 'DELIVERED', version: ret.version + 1 });
    expect(retried).not.toHaveProperty('attention');
    expect(retried.timeline.at(-1)).toMatchObject({
      type: 'RETRY',
      from: 'NEEDS_ATTENTION',
      to: 'DELIVERED',
    });
    expect(world.pipeline.runs).toEqual([
      {
        name: `${ret.id}-retry-1`,
        input: { sellerId, returnId: ret.id, correlationId: 'req-1', ...runStart('AwaitInspection') },
      },
    ]);
  });

  it('gives a run that waits for the carrier what is left of the ship-by window', async () => {
    const ret = stuck('LABEL_ISSUED', 'IssueLabel');
    const world = inMemoryWorld([ret]);

    await retryReturn(world, sellerId, ret.id, 'req-1');

    const shipBySeconds = (Date.parse(ret.label!.shipBy) - world.clock.now().getTime()) / 1000;
    expect(world.pipeline.runs[0]!.input).toMatchObject({
      resumeAt: 'IssueLabel',
      wait: { shipBySeconds },
    });
  });

  it('names each retry apart, so each starts once', async () => {
    const ret = stuck('DELIVERED', 'AwaitInspection');
    const world = inMemoryWorld([ret]);
    const again = transition(
      await retryReturn(world, sellerId, ret.id, 'req-1'),
      { type: 'RECORD_STEP_FAILURE', step: 'AwaitInspection', error: 'timed out' },
      { now: world.clock.now(), actor: { kind: 'system' } },
    );
    await world.returns.update(again);

    await retryReturn(world, sellerId, ret.id, 'req-2');

    expect(world.pipeline.runs.map((r) => r.name)).toEqual([`${ret.id}-retry-1`, `${ret.id}-retry-2`]);
  });

  it('refuses a return that does not need attention', async () => {
    const ret = makeReturn({ sellerId, status: 'DELIVERED' });
    const world = inMemoryWorld([ret]);

    await expect(retryReturn(world, sellerId, ret.id, 'req-1')).rejects.toThrow(IllegalTransitionError);
    expect(world.pipeline.runs).toEqual([]);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('resumes where the latest return says: a delivery seen meanwhile moves the run on to the inspection', async () => {
      const ret = stuck('IN_TRANSIT', 'IssueLabel');
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(
        otherWriterApplying(
          {
            type: 'TRACKING_EVENT',
            status: 'DELIVERED',
            eventId: 'evt-9',
            occurredAt: '2026-11-09T10:00:00Z',
          },
          { kind: 'carrier', id: 'ups' },
        ),
      );

      const retried = await retryReturn(world, sellerId, ret.id, 'req-1');

      expect(world.returns.conflicts).toBe(1);
      expect(retried.status).toBe('DELIVERED');
      expect(retried.timeline.slice(-2).map((e) => e.type)).toEqual(['TRACKING_EVENT', 'RETRY']);
      expect(world.pipeline.runs.map((r) => r.input.resumeAt)).toEqual(['AwaitInspection']);
    });

    it('refuses when the seller closed it meanwhile, starting nothing', async () => {
      const ret = stuck('DELIVERED', 'AwaitInspection');
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(
        otherWriterApplying({ type: 'CLOSE', reason: 'OTHER' }, { kind: 'seller' }),
      );

      await expect(retryReturn(world, sellerId, ret.id, 'req-1')).rejects.toThrow(IllegalTransitionError);
      expect(world.pipeline.runs).toEqual([]);
    });
  });
});
