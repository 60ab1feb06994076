import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import type { Return } from '../../domain/return.js';
import { closeUnshipped } from '../../functions/use-cases/close-unshipped.js';
import { InMemoryMailer } from '../support/in-memory/mailer.js';
import { carrierReportsInTransit, otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { expectOneChange } from '../support/in-memory/one-change.js';

const { sellerId } = TEST_SELLER;
const unshipped = () =>
  makeReturn({ sellerId, status: 'LABEL_ISSUED', pipeline: { taskToken: 'carrier-token' } });
const run = (world: InMemoryWorld, ret: Return) => closeUnshipped(world, sellerId, ret.id);
const closedMails = (world: InMemoryWorld, ret: Return) =>
  world.mailer.sent.filter((m) => m.subject === `Your return request ${ret.rma} has been closed`);

describe('closeUnshipped', () => {
  it('closes a return never shipped by its ship-by date and tells the buyer', async () => {
    const ret = unshipped();
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expectOneChange(
      world,
      ret,
      { status: 'CLOSED', closure: { reason: 'BUYER_DID_NOT_SHIP' } },
      {
        type: 'CLOSE_UNSHIPPED',
        from: 'LABEL_ISSUED',
        to: 'CLOSED',
        actor: { kind: 'system' },
        data: { reason: 'BUYER_DID_NOT_SHIP', shipBy: ret.label!.shipBy },
      },
    );
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({ to: ret.buyer.email, text: expect.stringContaining(TEST_SELLER.name) }),
    ]);
    expect(closedMails(world, ret)).toHaveLength(1);
  });

  it('only sends the mail a failed try owed when it runs again, closing once', async () => {
    const ret = unshipped();
    const world = { ...inMemoryWorld([ret]), mailer: new InMemoryMailer(1) };
    await expect(run(world, ret)).rejects.toThrow(/mail service/);
    const closed = world.returns.latest(ret);

    await run(world, ret);
    await run(world, ret);

    expect(world.returns.latest(ret)).toEqual(closed);
    expect(closedMails(world, ret)).toHaveLength(1);
  });

  it.each([
    ['cancelled by the buyer', makeReturn({ sellerId, status: 'CANCELLED' })],
    ['closed by the seller', makeReturn({ sellerId, status: 'CLOSED' })],
  ])('leaves a return %s as it is, telling nobody', async (_how, ret) => {
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expect(world.returns.latest(ret)).toEqual(ret);
    expect(world.mailer.sent).toEqual([]);
  });

  describe('when another writer changes the return between the read and the write', () => {
    it('refuses to close a parcel the carrier saw go meanwhile, so a person looks at it', async () => {
      const ret = unshipped();
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(carrierReportsInTransit);

      await expect(run(world, ret)).rejects.toThrow(IllegalTransitionError);
      expect(world.returns.conflicts).toBe(1);
      expect(world.returns.latest(ret)).toMatchObject({ status: 'IN_TRANSIT', version: ret.version + 1 });
      expect(world.mailer.sent).toEqual([]);
    });

    it("keeps the seller's closure made meanwhile, and the buyer is not told the return was unshipped", async () => {
      const ret = unshipped();
      const world = inMemoryWorld([ret]);
      world.returns.raceNextUpdate(
        otherWriterApplying(
          { type: 'CLOSE', reason: 'OTHER', comment: 'Refunded by phone' },
          { kind: 'seller', id: sellerId },
        ),
      );

      await run(world, ret);

      expect(world.returns.latest(ret)).toMatchObject({
        status: 'CLOSED',
        version: ret.version + 1,
        closure: { reason: 'OTHER', comment: 'Refunded by phone' },
      });
      expect(world.mailer.sent).toEqual([]);
    });
  });
});
