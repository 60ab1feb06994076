import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, ValidationError } from '../../domain/errors.js';
import type { Return } from '../../domain/return.js';
import { issueLabel } from '../../functions/use-cases/issue-label.js';
import { labelTrackingNumber } from '../support/in-memory/carrier.js';
import { InMemoryMailer } from '../support/in-memory/mailer.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { creditMeanwhile, storeUsPolicy } from '../support/in-memory/pipeline-fixtures.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn, TEST_RETURN_ADDRESS } from '../support/return-factory.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';

const { sellerId } = TEST_SELLER;
const WINDOW_SECONDS = 14 * 86_400;
const authorized = (overrides: Partial<Return> = {}) =>
  makeReturn({ sellerId, status: 'AUTHORIZED', ...overrides });

const run = (world: InMemoryWorld, ret: Return, taskToken = 'carrier-token') =>
  issueLabel(world, sellerId, ret.id, taskToken, WINDOW_SECONDS);

const labelMails = (world: InMemoryWorld, ret: Return) =>
  world.mailer.sent.filter((m) => m.subject === `Your return ${ret.rma} has been approved`);

describe('issueLabel', () => {
  it('buys nothing for a return that is no longer AUTHORIZED, and refuses the step', async () => {
    const ret = makeReturn({
      sellerId,
      status: 'NEEDS_ATTENTION',
      attention: { step: 'StartPipeline', error: 'timed out', resumeStatus: 'AUTHORIZED' },
    });
    const world = inMemoryWorld([ret]);
    await storeUsPolicy(world);

    await expect(run(world, ret)).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(world.carrier.purchases).toEqual([]);
    expect(world.returns.latest(ret)).toEqual(ret);
  });

  it('buys the label once, stores it with the run token in one write, and mails it to the buyer', async () => {
    const ret = authorized();
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    const stored = world.returns.latest(ret);
    const trackingNumber = labelTrackingNumber(ret.id);
    const shipBy = new Date(world.clock.now().getTime() + WINDOW_SECONDS * 1000).toISOString();
    expect(stored).toMatchObject({
      status: 'LABEL_ISSUED',
      version: ret.version + 1,
      trackingNumber,
      pipeline: { taskToken: 'carrier-token' },
      label: { carrier: 'ups', trackingNumber, shipBy, paidBy: 'SELLER', returnAddress: TEST_RETURN_ADDRESS },
    });
    expect(stored.timeline.at(-1)).toMatchObject({
      type: 'ISSUE_LABEL',
      from: 'AUTHORIZED',
      to: 'LABEL_ISSUED',
      data: { carrier: 'ups', trackingNumber, shipBy },
    });
    expect(world.carrier.purchases).toEqual([
      {
        returnId: ret.id,
        rma: ret.rma,
        carrier: 'ups',
        returnAddress: TEST_RETURN_ADDRESS,
        paidBy: 'SELLER',
        currency: 'USD',
        marketplace: 'US',
        fromAddress: ret.buyer.address,
        // One electronics item without its own size: the built-in default.
        parcel: { weightOz: 32, lengthIn: 12, widthIn: 10, heightIn: 4 },
      },
    ]);
    // The purchase decides on the return the order step read: one read in all.
    expect(world.returns.reads).toBe(1);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({ to: ret.buyer.email, text: expect.stringContaining(trackingNumber) }),
    ]);
    await dispatchAll(world);
    expect(labelMails(world, ret)).toHaveLength(1);
    expect(world.pipeline.resumed).toEqual([]);
    expect(world.pipeline.abandoned).toEqual([]);
  });

  it("puts the freight on the buyer for a change of mind, to the policy's address when the return has none", async () => {
    const ret = authorized({ reason: 'CHANGED_MIND', returnAddress: undefined });
    const world = inMemoryWorld([ret]);
    const policyAddress = { ...TEST_RETURN_ADDRESS, name: 'Policy dock' };
    await storeUsPolicy(world, { returnAddresses: [policyAddress] });

    await run(world, ret);

    expect(world.returns.latest(ret).label).toMatchObject({ paidBy: 'BUYER', returnAddress: policyAddress });
  });

  it('refuses a return with no return address anywhere, buying nothing', async () => {
    const ret = authorized({ returnAddress: undefined });
    const world = inMemoryWorld([ret]);

    await expect(run(world, ret)).rejects.toThrow(ValidationError);
    expect(world.returns.latest(ret)).toEqual(ret);
    expect(world.carrier.purchases).toEqual([]);
  });

  it('buys no label for a returnless refund', async () => {
    const ret = authorized({ returnless: true });
    const world = inMemoryWorld([ret]);

    await expect(run(world, ret)).rejects.toThrow(IllegalTransitionError);
    expect(world.carrier.purchases).toEqual([]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
  });

  it('writes and mails nothing while the carrier is down', async () => {
    const ret = authorized();
    const world = inMemoryWorld([ret]);
    world.carrier.down = true;

    await expect(run(world, ret)).rejects.toThrow(/unavailable/);
    expect(world.returns.latest(ret)).toEqual(ret);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
  });

  describe('when the step runs again', () => {
    it('keeps the label it bought, buys none, and only stores the new run token', async () => {
      const ret = authorized();
      const world = inMemoryWorld([ret]);
      await run(world, ret, 'first-token');
      const first = world.returns.latest(ret);

      await run(world, ret, 'resumed-token');

      const stored = world.returns.latest(ret);
      expect(stored.label).toEqual(first.label);
      expect(stored.pipeline).toEqual({ taskToken: 'resumed-token' });
      expect(stored.timeline.slice(-2).map((e) => [e.type, e.from, e.to])).toEqual([
        ['ISSUE_LABEL', 'AUTHORIZED', 'LABEL_ISSUED'],
        ['ISSUE_LABEL', 'LABEL_ISSUED', 'LABEL_ISSUED'],
      ]);
      expect(world.carrier.purchases).toHaveLength(1);
      await dispatchAll(world);
      expect(labelMails(world, ret)).toHaveLength(1);
    });

    it('buys once, and the label mail the mail service could not take waits in the outbox until it can', async () => {
      const ret = authorized();
      const world = { ...inMemoryWorld([ret]), mailer: new InMemoryMailer(1) };

      await run(world, ret);
      await dispatchAll(world);
      expect(world.returns.latest(ret).status).toBe('LABEL_ISSUED');
      expect(labelMails(world, ret)).toHaveLength(0);
      await run(world, ret);

      expect(world.carrier.purchases).toHaveLength(1);
      await dispatchAll(world);
      expect(labelMails(world, ret)).toHaveLength(1);
    });

    it('lets the run go on at once, writing nothing, when the parcel was delivered already', async () => {
      const ret = makeReturn({ sellerId, status: 'DELIVERED' });
      const world = inMemoryWorld([ret]);

      await run(world, ret);

      expect(world.returns.latest(ret)).toEqual(ret);
      expect(world.pipeline.resumed).toEqual([
        { taskToken: 'carrier-token', output: { trackingNumber: ret.trackingNumber } },
      ]);
      expect(world.carrier.purchases).toEqual([]);
    });
  });

  it.each(['CANCELLED', 'CLOSED'] as const)(
    'lets the run go quietly for a return %s before its label',
    async (status) => {
      const ret = makeReturn({ sellerId, status });
      const world = inMemoryWorld([ret]);

      await run(world, ret);

      expect(world.pipeline.abandoned).toEqual([
        { taskToken: 'carrier-token', why: `the return is ${status}` },
      ]);
      expect(world.returns.latest(ret)).toEqual(ret);
      expect(world.carrier.purchases).toEqual([]);
      await dispatchAll(world);
      expect(world.mailer.sent).toEqual([]);
    },
  );

  describe('when another writer changes the return between the read and the write', () => {
    it('stores the label on the latest return, keeping the change, and buys it once', async () => {
      const ret = authorized();
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(creditMeanwhile('cn-1', 100));

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(world.returns.conflicts).toBe(1);
      expect(stored).toMatchObject({
        status: 'LABEL_ISSUED',
        version: ret.version + 2,
        pipeline: { taskToken: 'carrier-token' },
      });
      expect(stored.concessions.map((c) => c.concessionId)).toEqual(['cn-1']);
      expect(stored.timeline.slice(-2).map((e) => e.type)).toEqual(['ADD_CONCESSION', 'ISSUE_LABEL']);
      expect(world.carrier.purchases).toHaveLength(1);
      await dispatchAll(world);
      expect(labelMails(world, ret)).toHaveLength(1);
    });

    it('lets the run go when the buyer cancelled meanwhile: no label stored, no label mail', async () => {
      const ret = authorized();
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(otherWriterApplying({ type: 'CANCEL' }, { kind: 'buyer' }));

      await run(world, ret);

      const stored = world.returns.latest(ret);
      expect(stored.status).toBe('CANCELLED');
      expect(stored).not.toHaveProperty('label');
      expect(world.pipeline.abandoned).toEqual([
        { taskToken: 'carrier-token', why: 'the return is CANCELLED' },
      ]);
      await dispatchAll(world);
      expect(world.mailer.sent.map((m) => m.to)).toEqual([TEST_SELLER.email]);
    });
  });
});
