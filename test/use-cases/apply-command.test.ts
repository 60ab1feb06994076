import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError, NotFoundError } from '../../domain/errors.js';
import { transition } from '../../domain/lifecycle.js';
import type { Return } from '../../domain/return.js';
import { applyCommand, decideOnLatest, type Decision } from '../../functions/use-cases/apply-command.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;
const seller = { kind: 'seller' as const, id: sellerId };
const concession = {
  concessionId: 'c1',
  amount: { amount: 1, currency: 'USD' as const },
  reason: 'Sorry',
  status: 'SUBMITTED' as const,
  at: '2026-11-10T11:00:00Z',
};

describe('decideOnLatest', () => {
  it('answers without writing when the decision needs no write', async () => {
    const ret = makeReturn({ sellerId, status: 'DELIVERED' });
    const world = inMemoryWorld([ret]);

    const answer = await decideOnLatest(world, sellerId, ret.id, (current) => ({ answer: current.status }));

    expect(answer).toBe('DELIVERED');
    expect(world.returns.latest(ret)).toEqual(ret);
  });

  it("gives up after three lost races, having written nothing over the winners' changes", async () => {
    const ret = makeReturn({ sellerId, status: 'LABEL_ISSUED' });
    const world = inMemoryWorld([ret]);
    for (const concessionId of ['c1', 'c2', 'c3']) {
      world.returns.raceNextUpdate(
        otherWriterApplying({ type: 'ADD_CONCESSION', concession: { ...concession, concessionId } }),
      );
    }

    await expect(
      applyCommand(world, sellerId, ret.id, { type: 'CLOSE', reason: 'OTHER' }, seller),
    ).rejects.toThrow(ConcurrencyConflictError);
    expect(world.returns.conflicts).toBe(3);
    expect(world.returns.latest(ret)).toMatchObject({
      status: 'LABEL_ISSUED',
      version: ret.version + 3,
      concessions: [{ concessionId: 'c1' }, { concessionId: 'c2' }, { concessionId: 'c3' }],
    });
  });

  describe('from a return the caller holds', () => {
    const CLOSED_AT = new Date('2026-11-10T12:00:00Z');
    const close = (current: Return): Decision<Return> => ({
      write: transition(current, { type: 'CLOSE', reason: 'OTHER' }, { now: CLOSED_AT, actor: seller }),
      answerWritten: (written) => written,
    });

    it('decides on it and writes over it, reading nothing, while it is the stored version', async () => {
      const ret = makeReturn({ sellerId, status: 'AUTHORIZED' });
      const world = inMemoryWorld([ret]);

      const closed = await decideOnLatest(world, sellerId, ret.id, close, { from: ret });

      expect(world.returns.reads).toBe(0);
      expect(closed).toMatchObject({ status: 'CLOSED', version: ret.version + 1 });
      expect(world.returns.latest(ret)).toEqual(closed);
    });

    it('ends as a fresh read would when another writer moved the return on since', async () => {
      const held = makeReturn({ sellerId, status: 'LABEL_ISSUED' });
      const [stale, fresh] = [inMemoryWorld([held]), inMemoryWorld([held])];
      for (const world of [stale, fresh]) {
        world.returns.raceNextUpdate(otherWriterApplying({ type: 'ADD_CONCESSION', concession }));
        await world.returns.update({ ...held, version: held.version + 1 }).catch(() => undefined);
      }

      // One attempt only: a held copy gone stale is no lost race of its own.
      await decideOnLatest(stale, sellerId, held.id, close, { from: held, attempts: 1 });
      await decideOnLatest(fresh, sellerId, held.id, close, { attempts: 1 });

      expect(stale.returns.reads).toBe(fresh.returns.reads);
      expect(stale.returns.latest(held)).toMatchObject({
        status: 'CLOSED',
        concessions: [{ concessionId: 'c1' }],
      });
      expect(stale.returns.latest(held)).toEqual(fresh.returns.latest(held));
    });

    it('decides an answer again on what is stored, since no write checks it', async () => {
      const held = makeReturn({ sellerId, status: 'AUTHORIZED' });
      const world = inMemoryWorld([held]);
      await applyCommand(world, sellerId, held.id, { type: 'CLOSE', reason: 'OTHER' }, seller);

      const status = await decideOnLatest(
        world,
        sellerId,
        held.id,
        (current) => ({ answer: current.status }),
        {
          from: held,
        },
      );

      expect(status).toBe('CLOSED');
    });

    it("is not used for another seller's return", async () => {
      const ret = makeReturn({ sellerId, status: 'AUTHORIZED' });
      const world = inMemoryWorld([ret]);

      await expect(decideOnLatest(world, 'someone-else', ret.id, close, { from: ret })).rejects.toThrow(
        NotFoundError,
      );
    });
  });

  it("does not find another seller's return", async () => {
    const ret = makeReturn({ sellerId, status: 'DELIVERED' });
    const world = inMemoryWorld([ret]);

    await expect(
      applyCommand(world, 'someone-else', ret.id, { type: 'CLOSE', reason: 'OTHER' }, seller),
    ).rejects.toThrow(NotFoundError);
  });
});
