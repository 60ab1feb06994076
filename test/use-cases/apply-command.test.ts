import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError, NotFoundError } from '../../domain/errors.js';
import { applyCommand, decideOnLatest } from '../../functions/use-cases/apply-command.js';
import { otherWriterApplying } from '../support/in-memory/other-writers.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;
const seller = { kind: 'seller' as const, id: sellerId };

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
      const concession = {
        concessionId,
        amount: { amount: 1, currency: 'USD' as const },
        reason: 'Sorry',
        status: 'SUBMITTED' as const,
        at: '2026-11-10T11:00:00Z',
      };
      world.returns.raceNextUpdate(otherWriterApplying({ type: 'ADD_CONCESSION', concession }));
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

  it("does not find another seller's return", async () => {
    const ret = makeReturn({ sellerId, status: 'DELIVERED' });
    const world = inMemoryWorld([ret]);

    await expect(
      applyCommand(world, 'someone-else', ret.id, { type: 'CLOSE', reason: 'OTHER' }, seller),
    ).rejects.toThrow(NotFoundError);
  });
});
