import { describe, expect, it } from 'vitest';
import type { Return } from '../../domain/return.js';
import { recordStepFailure, type CaughtError } from '../../functions/use-cases/record-step-failure.js';
import { carrierReportsInTransit, otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

/** What Step Functions catches from a Lambda error: its JSON, stack trace included. */
const lambdaError: CaughtError = {
  Error: 'CarrierUnavailableError',
  Cause: JSON.stringify({
    errorType: 'CarrierUnavailableError',
    errorMessage: 'ups label API is unavailable',
    trace: ['CarrierUnavailableError: ups label API is unavailable', '    at FakeCarrier.createLabel'],
  }),
};

const run = (world: InMemoryWorld, ret: Return, error = lambdaError, step = 'IssueLabel') =>
  recordStepFailure(world, sellerId, ret.id, step, error);

/** The attention a failure leaves on a fresh return in `status`. */
const attentionAfter = async (error: CaughtError) => {
  const ret = makeReturn({ sellerId, status: 'AUTHORIZED' });
  const world = inMemoryWorld([ret]);
  await run(world, ret, error);
  return world.returns.latest(ret).attention;
};

describe('recordStepFailure', () => {
  it('sends the return to NEEDS_ATTENTION with the step, the error message and where to resume', async () => {
    const ret = makeReturn({ sellerId, status: 'AUTHORIZED' });
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    const stored = world.returns.latest(ret);
    const error = 'CarrierUnavailableError: ups label API is unavailable';
    expect(stored).toMatchObject({
      status: 'NEEDS_ATTENTION',
      version: ret.version + 1,
      attention: { step: 'IssueLabel', error, resumeStatus: 'AUTHORIZED' },
    });
    expect(stored.timeline.at(-1)).toMatchObject({
      type: 'RECORD_STEP_FAILURE',
      from: 'AUTHORIZED',
      to: 'NEEDS_ATTENTION',
      actor: { kind: 'system' },
      note: `IssueLabel failed: ${error}`,
      data: { step: 'IssueLabel' },
    });
    expect(JSON.stringify(stored)).not.toContain('at FakeCarrier');
  });

  it.each([
    ['the name alone, without a cause', { Error: 'States.Timeout' }, 'States.Timeout'],
    [
      'a plain cause as it is',
      { Error: 'States.Timeout', Cause: 'no heartbeat' },
      'States.Timeout: no heartbeat',
    ],
    ['a long cause cut at 500 characters', { Error: 'E', Cause: 'x'.repeat(600) }, `E: ${'x'.repeat(500)}`],
  ])('records %s', async (_what, error, recorded) => {
    expect(await attentionAfter(error)).toMatchObject({ error: recorded });
  });

  it('leaves a return that needs attention already as the first failure left it', async () => {
    const ret = makeReturn({ sellerId, status: 'AUTHORIZED' });
    const world = inMemoryWorld([ret]);
    await run(world, ret);
    const first = world.returns.latest(ret);

    await run(world, ret, { Error: 'States.Timeout' }, 'RecordStepFailure');

    expect(world.returns.latest(ret)).toEqual(first);
  });

  it.each(['COMPLETED', 'CLOSED', 'CANCELLED'] as const)('leaves a %s return as it is', async (status) => {
    const ret = makeReturn({ sellerId, status });
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expect(world.returns.latest(ret)).toEqual(ret);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('resumes from where the latest return stands: a parcel seen on its way meanwhile', async () => {
      const ret = makeReturn({ sellerId, status: 'LABEL_ISSUED' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(carrierReportsInTransit);

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(world.returns.conflicts).toBe(1);
      expect(stored).toMatchObject({ status: 'NEEDS_ATTENTION', attention: { resumeStatus: 'IN_TRANSIT' } });
      expect(stored.timeline.slice(-2).map((e) => [e.type, e.to])).toEqual([
        ['TRACKING_EVENT', 'IN_TRANSIT'],
        ['RECORD_STEP_FAILURE', 'NEEDS_ATTENTION'],
      ]);
    });

    it('leaves a return the buyer cancelled meanwhile cancelled', async () => {
      const ret = makeReturn({ sellerId, status: 'AUTHORIZED' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(otherWriterApplying({ type: 'CANCEL' }, { kind: 'buyer' }));

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(stored).toMatchObject({ status: 'CANCELLED', version: ret.version + 1 });
      expect(stored).not.toHaveProperty('attention');
    });
  });
});
