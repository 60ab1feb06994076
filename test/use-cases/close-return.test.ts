import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import { closeReturn } from '../../functions/use-cases/close-return.js';
import { InMemoryMailer } from '../support/in-memory/mailer.js';
import { runParks, carrierReportsInTransit } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';

const { sellerId } = TEST_SELLER;
const body = { reason: 'OUTSIDE_RETURN_WINDOW' as const, comment: 'Delivered 90 days ago' };
const waitingForCarrier = () =>
  makeReturn({ sellerId, status: 'LABEL_ISSUED', pipeline: { taskToken: 'carrier-token' } });

describe('closeReturn', () => {
  it('closes the request with the reason, lets the waiting run go and e-mails the buyer once', async () => {
    const ret = waitingForCarrier();
    const world = inMemoryWorld([ret]);

    const closed = await closeReturn(world, sellerId, ret.id, body);

    expect(world.returns.latest(ret)).toEqual(closed);
    expect(closed).toMatchObject({ status: 'CLOSED', closure: body, version: ret.version + 1 });
    expect(closed.timeline.at(-1)).toMatchObject({
      type: 'CLOSE',
      from: 'LABEL_ISSUED',
      to: 'CLOSED',
      actor: { kind: 'seller', id: sellerId },
      note: 'OUTSIDE_RETURN_WINDOW: Delivered 90 days ago',
    });
    expect(world.pipeline.abandoned).toEqual([{ taskToken: 'carrier-token', why: 'the return was closed' }]);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({
        to: ret.buyer.email,
        subject: `Your return request ${ret.rma} has been closed`,
        text: expect.stringContaining('Delivered 90 days ago'),
      }),
    ]);
  });

  it('refuses a return that is no longer open, changing nothing and mailing no one', async () => {
    const ret = makeReturn({ sellerId, status: 'IN_TRANSIT' });
    const world = inMemoryWorld([ret]);

    await expect(closeReturn(world, sellerId, ret.id, body)).rejects.toThrow(IllegalTransitionError);
    expect(world.returns.latest(ret)).toEqual(ret);
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([]);
  });

  it('keeps the closure when the mail service is down', async () => {
    const ret = waitingForCarrier();
    const world = { ...inMemoryWorld([ret]), mailer: new InMemoryMailer(1) };

    await expect(closeReturn(world, sellerId, ret.id, body)).resolves.toMatchObject({ status: 'CLOSED' });
    expect(world.returns.latest(ret).status).toBe('CLOSED');
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('closes it all the same and releases the run whose token the other writer stored', async () => {
      const ret = makeReturn({ sellerId, status: 'LABEL_ISSUED' });
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(runParks('ISSUE_LABEL', 'carrier-token'));

      const closed = await closeReturn(world, sellerId, ret.id, body);

      expect(world.returns.conflicts).toBe(1);
      expect(closed).toMatchObject({ status: 'CLOSED', version: ret.version + 2 });
      expect(closed.timeline.slice(-2).map((e) => e.type)).toEqual(['ISSUE_LABEL', 'CLOSE']);
      expect(world.pipeline.abandoned).toEqual([
        { taskToken: 'carrier-token', why: 'the return was closed' },
      ]);
      await dispatchAll(world);
      expect(world.mailer.sent).toHaveLength(1);
    });

    it('refuses once the parcel the other writer saw is on its way', async () => {
      const ret = waitingForCarrier();
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(carrierReportsInTransit);

      await expect(closeReturn(world, sellerId, ret.id, body)).rejects.toThrow(IllegalTransitionError);
      expect(world.returns.latest(ret).status).toBe('IN_TRANSIT');
      expect(world.pipeline.abandoned).toEqual([]);
      await dispatchAll(world);
      expect(world.mailer.sent).toEqual([]);
    });
  });
});
