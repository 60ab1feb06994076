import { describe, expect, it } from 'vitest';
import type { Return, Status } from '../../domain/return.js';
import { resumeInput, startPipeline } from '../../functions/use-cases/start-pipeline.js';
import { firstRunAtLabel } from '../support/in-memory/pipeline.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { storeUsPolicy, usPolicy } from '../support/in-memory/pipeline-fixtures.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { runStart } from '../../functions/pipeline/pipeline-contract.js';

const { sellerId } = TEST_SELLER;
const authorized = (overrides: Partial<Return> = {}) =>
  makeReturn({ sellerId, status: 'AUTHORIZED', ...overrides });

/** A world holding `ret` whose seller's stored policy gives `shipByDays` to ship. */
const worldWith = async (ret: Return, shipByDays = 14) => {
  const world = inMemoryWorld([ret]);
  await storeUsPolicy(world, { shipByDays });
  return world;
};

describe('startPipeline', () => {
  it("starts the return's first run at the label, within the stored policy's ship-by window", async () => {
    const ret = authorized();
    const world = await worldWith(ret, 14);

    const answered = await startPipeline(world, ret, 'req-1');

    expect(answered).toEqual(ret);
    expect(world.pipeline.runs).toEqual([firstRunAtLabel(ret, 14)]);
    expect(world.returns.latest(ret)).toEqual(ret);
  });

  it('takes the window from the policy it is given, and one day when there is none', async () => {
    const ret = authorized();
    const given = await worldWith(ret, 14);
    const none = inMemoryWorld([ret]);

    await startPipeline(given, ret, 'req-1', usPolicy({ shipByDays: 7 }));
    await startPipeline(none, ret, 'req-1');

    expect(given.pipeline.runs).toEqual([firstRunAtLabel(ret, 7)]);
    expect(none.pipeline.runs).toEqual([firstRunAtLabel(ret, 1)]);
  });

  it('starts a returnless refund straight at ComputeRefund', async () => {
    const ret = authorized({ returnless: true });
    const world = await worldWith(ret);

    await startPipeline(world, ret, 'req-1');

    expect(world.pipeline.runs).toEqual([
      {
        name: ret.id,
        input: { sellerId, returnId: ret.id, correlationId: 'req-1', ...runStart('ComputeRefund') },
      },
    ]);
  });

  it('starts one run however often it is asked: the run is named after the return', async () => {
    const ret = authorized();
    const world = await worldWith(ret);

    await startPipeline(world, ret, 'req-1');
    await startPipeline(world, ret, 'req-2');

    expect(world.pipeline.runs).toEqual([firstRunAtLabel(ret, 14)]);
  });

  it('starts nothing for a return the seller has not authorized', async () => {
    const ret = makeReturn({ sellerId, status: 'AUTHORIZATION_REQUIRED' });
    const world = await worldWith(ret);

    await expect(startPipeline(world, ret, 'req-1')).resolves.toEqual(ret);
    expect(world.pipeline.runs).toEqual([]);
  });

  describe('when the state machine cannot be reached', () => {
    it('sends the return to NEEDS_ATTENTION, from where a retry starts it again', async () => {
      const ret = authorized();
      const world = await worldWith(ret);
      world.pipeline.down = true;

      const answered = await startPipeline(world, ret, 'req-1');

      expect(world.returns.latest(ret)).toEqual(answered);
      expect(answered).toMatchObject({
        status: 'NEEDS_ATTENTION',
        version: ret.version + 1,
        attention: {
          step: 'StartPipeline',
          error: 'the pipeline could not be started',
          resumeStatus: 'AUTHORIZED',
        },
      });
      expect(answered.timeline.at(-1)).toMatchObject({ type: 'RECORD_STEP_FAILURE', from: 'AUTHORIZED' });
      expect(world.pipeline.runs).toEqual([]);
    });

    it('leaves a return cancelled since the caller read it as it is, and answers it', async () => {
      const ret = authorized();
      const world = await worldWith(ret);
      const cancelled = otherWriterApplying({ type: 'CANCEL' }, { kind: 'buyer' })(ret);
      await world.returns.update(cancelled);
      world.pipeline.down = true;

      await expect(startPipeline(world, ret, 'req-1')).resolves.toEqual(cancelled);
      expect(world.returns.latest(ret)).toEqual(cancelled);
    });

    it('decides on the latest return when the buyer cancels between the read and the write', async () => {
      const ret = authorized();
      const world = await worldWith(ret);
      world.pipeline.down = true;
      world.returns.raceNextUpdate(otherWriterApplying({ type: 'CANCEL' }, { kind: 'buyer' }));

      const answered = await startPipeline(world, ret, 'req-1');

      expect(world.returns.conflicts).toBe(1);
      expect(answered).toMatchObject({ status: 'CANCELLED', version: ret.version + 1 });
      expect(answered).not.toHaveProperty('attention');
      expect(world.returns.latest(ret)).toEqual(answered);
    });
  });
});

describe('resumeInput', () => {
  const world = inMemoryWorld();

  it.each<[Status, unknown]>([
    ['DELIVERED', runStart('AwaitInspection')],
    ['INSPECTED', runStart('ComputeRefund')],
    ['REFUND_PENDING_APPROVAL', runStart('ComputeRefund')],
    ['REFUND_IN_PROGRESS', runStart('IssueRefund')],
    ['REFUNDED', runStart('IssueRefund')],
    ['AUTHORIZATION_REQUIRED', undefined],
    ['COMPLETED', undefined],
    ['CLOSED', undefined],
    ['NEEDS_ATTENTION', undefined],
  ])('picks a %s return up at %j', async (status, expected) => {
    expect(await resumeInput(world, makeReturn({ sellerId, status }))).toEqual(expected);
  });

  it.each(['LABEL_ISSUED', 'IN_TRANSIT'] as const)(
    'gives a %s return what is left of its ship-by window, at least a second',
    async (status) => {
      const ret = makeReturn({ sellerId, status });
      const shipBy = new Date(world.clock.now().getTime() + 3 * 86_400_000);
      const lapsed = new Date(world.clock.now().getTime() - 86_400_000);

      const left = await resumeInput(world, {
        ...ret,
        label: { ...ret.label!, shipBy: shipBy.toISOString() },
      });
      const none = await resumeInput(world, {
        ...ret,
        label: { ...ret.label!, shipBy: lapsed.toISOString() },
      });

      expect(left).toEqual({ resumeAt: 'IssueLabel', wait: { shipBySeconds: 3 * 86_400 } });
      expect(none).toEqual({ resumeAt: 'IssueLabel', wait: { shipBySeconds: 1 } });
    },
  );
});
