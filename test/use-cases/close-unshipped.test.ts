import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import type { Return } from '../../domain/return.js';
import { closeUnshipped } from '../../functions/use-cases/close-unshipped.js';
import { InMemoryMailer } from '../support/in-memory/mailer.js';
import { carrierReportsInTransit, otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { expectOneChange } from '../support/in-memory/one-change.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';

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
    await dispatchAll(world);
    expect(world.mailer.sent).toEqual([
      expect.objectContaining({ to: ret.buyer.email, text: expect.stringContaining(TEST_SELLER.name) }),
    ]);
    await dispatchAll(world);
    expect(closedMails(world, ret)).toHaveLength(1);
  });

  it('closes once however often it runs; with the mail service down the mail waits in the outbox', async () => {
    const ret = unshipped();
    const world = { ...inMemoryWorld([ret]), mailer: new InMemoryMailer(1) };
    await run(world, ret);
    const closed = world.returns.latest(ret);
    await dispatchAll(world);
    expect(closedMails(world, ret)).toHaveLength(0);
    expect(world.returns.latest(ret).outbox?.pending.map((e) => e.type)).toEqual(['return.closed']);

    await run(world, ret);
    await dispatchAll(world);
    await dispatchAll(world);

    expect(world.returns.latest(ret)).toEqual({
      ...closed,
      outbox: { ...closed.outbox!, drains: 1, pending: [] },
    });
    await dispatchAll(world);
    expect(closedMails(world, ret)).toHaveLength(1);
  });

  it.each([
    ['cancelled by the buyer', makeReturn({ sellerId, status: 'CANCELLED' })],
    ['closed by the seller', makeReturn({ sellerId, status: 'CLOSED' })],
  ])('leaves a return %s as it is, telling nobody', async (_how, ret) => {
    const world = inMemoryWorld([ret]);

    await run(world, ret);

    expect(world.returns.latest(ret)).toEqual(ret);
    await dispatchAll(world);
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
      await dispatchAll(world);
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
      await dispatchAll(world);
      // Only the seller's own closure is told, with the seller's comment.
      expect(world.mailer.sent).toEqual([
        expect.objectContaining({ text: expect.stringContaining('Refunded by phone') }),
      ]);
      expect(world.mailer.sent[0]!.text).not.toMatch(/did not ship/i);
    });
  });
});
