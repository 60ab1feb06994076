import { describe, expect, it } from 'vitest';
import { DynamoDeadlineSweepIndex } from '../../../functions/adapters/dynamodb/deadline-sweep-index.js';
import { DynamoReturnRepository } from '../../../functions/adapters/dynamodb/return-repository.js';
import type { Deadline } from '../../../domain/deadlines/deadline.js';
import { makeReturn, nextVersion } from '../../support/return-factory.js';
import { tableOptions, uniqueSellerId } from '../support/table.js';

const repo = new DynamoReturnRepository(tableOptions());
const index = new DynamoDeadlineSweepIndex(tableOptions());

/** Amazon's 24 hours from 2031-03-01T00:00Z: the reminder is due at 18:00, the deadline at midnight. */
const DEADLINE: Deadline = {
  action: 'RESPOND_TO_REQUEST',
  dueAt: '2031-03-02T00:00:00.000Z',
  startedAt: '2031-03-01T00:00:00.000Z',
  rule: { id: 'AMAZON_AUTHORIZATION_24_HOURS', authority: 'amazon', source: 's', numbers: {} },
  explanation: 'e',
};

// The watermark is one item for the whole table; this is its only test, and it works in 2031.
describe('the deadline sweeper index on DynamoDB', () => {
  it('finds a return when its reminder, then its due time, comes; leaves it once overdue; catches up 48 hours at a time', async () => {
    const sellerId = uniqueSellerId();
    const ret = makeReturn({ sellerId, createdAt: DEADLINE.startedAt, nextDeadline: DEADLINE });
    await repo.create({ ...ret, updatedAt: DEADLINE.startedAt });
    const mine = async (now: string) => {
      const { refs, nextHour } = await index.due(new Date(now));
      return { ids: refs.filter((r) => r.sellerId === sellerId).map((r) => r.id), nextHour };
    };

    await index.sweptUntil('2031-03-01T09');
    expect(await mine('2031-03-01T17:59:59.000Z')).toEqual({ ids: [], nextHour: '2031-03-01T17' });
    expect(await mine('2031-03-01T18:00:00.000Z')).toEqual({ ids: [ret.id], nextHour: '2031-03-01T17' });

    const reminded = nextVersion(ret, {
      updatedAt: '2031-03-01T18:00:01.000Z',
      nextDeadline: { ...DEADLINE, remindedAt: '2031-03-01T18:00:01.000Z' },
    });
    await repo.update(reminded);
    await index.sweptUntil('2031-03-01T18');
    expect((await mine('2031-03-01T23:59:59.000Z')).ids).toEqual([]);
    expect((await mine('2031-03-02T00:00:00.002Z')).ids).toEqual([ret.id]);

    await repo.update(
      nextVersion(reminded, {
        updatedAt: '2031-03-02T00:01:00.000Z',
        nextDeadline: { ...reminded.nextDeadline!, overdueAt: '2031-03-02T00:01:00.000Z' },
      }),
    );
    expect((await mine('2031-03-02T00:02:00.000Z')).ids).toEqual([]);

    // Ten days stopped: the sweep reads 48 hours and says where the next one goes on.
    await index.sweptUntil('2031-03-01T00');
    expect((await mine('2031-03-11T00:00:00.000Z')).nextHour).toBe('2031-03-03T00');
  });
});
