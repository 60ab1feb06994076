import { describe, expect, it } from 'vitest';
import { DynamoDeadlineSweepIndex } from '../../../functions/adapters/dynamodb/deadline-sweep-index.js';
import { DynamoNotificationLedger } from '../../../functions/adapters/dynamodb/notification-ledger.js';
import { DynamoReturnRepository } from '../../../functions/adapters/dynamodb/return-repository.js';
import { DynamoSellerRepository } from '../../../functions/adapters/dynamodb/seller-repository.js';
import { GSI, returnKey, sweepHourOf } from '../../../functions/adapters/dynamodb/table-design.js';
import { CREATE_RETURN_EXAMPLE } from '../../../functions/api/openapi/examples.js';
import { sweepDeadlines } from '../../../functions/use-cases/sweep-deadlines.js';
import type { Deadline } from '../../../domain/deadlines/deadline.js';
import { DEFAULT_REMINDER_LEAD } from '../../../domain/deadlines/reminder.js';
import { transition } from '../../../domain/lifecycle.js';
import { openReturn } from '../../../domain/open-return.js';
import { defaultPolicy } from '../../../domain/policy.js';
import { makeReturn, nextVersion, TEST_RETURN_ADDRESS } from '../../support/return-factory.js';
import { mailTo } from '../support/mailbox.js';
import { rawItem, tableOptions, uniqueId, uniqueSellerId } from '../support/table.js';

const repo = new DynamoReturnRepository(tableOptions());
const index = new DynamoDeadlineSweepIndex(tableOptions());
const sellers = new DynamoSellerRepository(tableOptions());
const ledger = new DynamoNotificationLedger(tableOptions());
const HOUR = 3_600_000;

/** Amazon's 24 hours from 2031-03-01T00:00Z: the reminder is due at 18:00, the deadline at midnight. */
const DEADLINE: Deadline = {
  action: 'RESPOND_TO_REQUEST',
  dueAt: '2031-03-02T00:00:00.000Z',
  startedAt: '2031-03-01T00:00:00.000Z',
  rule: { id: 'AMAZON_AUTHORIZATION_24_HOURS', authority: 'amazon', source: 's', numbers: {} },
  explanation: 'e',
};

// The watermark is one item for the whole table: only this file's tests move it, one after another.
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

  it('expires an unanswered offer at its expiresAt and mails the seller once; the deadline’s reminder still goes once', async () => {
    const seller = {
      sellerId: uniqueSellerId(),
      name: 'Acme Outlet',
      email: `${uniqueId('ops')}@acme.example.com`,
      locale: 'en-US',
      status: 'ACTIVE' as const,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    await sellers.put(seller);
    // 30 hours ago, so every write and event here is in the past the outbox's dispatcher sweeps.
    const requestedAt = new Date(Math.floor((Date.now() - 30 * HOUR) / HOUR) * HOUR);
    const opened = openReturn({
      id: uniqueId('ret'),
      rma: uniqueId('RMA'),
      sellerId: seller.sellerId,
      request: {
        ...CREATE_RETURN_EXAMPLE,
        deliveredAt: new Date(requestedAt.getTime() - 96 * HOUR).toISOString(),
      },
      policy: { ...defaultPolicy('US', TEST_RETURN_ADDRESS), autoAuthorize: false },
      now: requestedAt,
    });
    const expiresAt = new Date(requestedAt.getTime() + 10 * HOUR);
    const ret = transition(
      opened,
      {
        type: 'MAKE_OFFER',
        offer: {
          offerId: 'offer-1',
          amount: { amount: 900, currency: 'USD' },
          keepItem: false,
          message: '',
          status: 'OPEN',
          createdAt: requestedAt.toISOString(),
          expiresAt: expiresAt.toISOString(),
          linkNonce: 'n',
        },
      },
      { now: requestedAt, actor: { kind: 'seller', id: seller.sellerId } },
    );
    expect(ret.nextDeadline?.rule.id).toBe('AMAZON_AUTHORIZATION_24_HOURS'); // reminded 18 hours in
    await repo.create(ret);
    // In the sweep at the offer's expiry, before the reminder: that hour's partitions, sharded by the id.
    const item = await rawItem(returnKey(ret.sellerId, ret.id) as { pk: string; sk: string });
    expect(item?.[GSI.bySweepTime.sortKey]).toBe(`${expiresAt.toISOString()}#${ret.id}`);
    expect(item?.[GSI.bySweepTime.partitionKey]).toMatch(
      new RegExp(`^DEADLINES#${sweepHourOf(expiresAt)}#SHARD#\\d+$`),
    );

    let now = requestedAt;
    const deps = {
      returns: repo,
      clock: { now: () => now },
      deadlines: index,
      reminderLead: DEFAULT_REMINDER_LEAD,
    };
    const sweepAt = async (at: Date) => {
      now = at;
      await index.sweptUntil(sweepHourOf(new Date(at.getTime() - HOUR)));
      const outcome = await sweepDeadlines(deps);
      const mine = (refs: { id: string }[]) => refs.filter((r) => r.id === ret.id).length;
      return { expired: mine(outcome.expired), reminded: mine(outcome.reminded) };
    };

    expect(await sweepAt(new Date(expiresAt.getTime() - 1))).toEqual({ expired: 0, reminded: 0 });
    expect(await sweepAt(expiresAt)).toEqual({ expired: 1, reminded: 0 });
    const expired = (await repo.get(ret.sellerId, ret.id))!;
    expect(expired.status).toBe('AUTHORIZATION_REQUIRED');
    expect(expired.offers?.[0]).toMatchObject({ status: 'EXPIRED', answeredVia: 'EXPIRY' });
    expect(await sweepAt(new Date(expiresAt.getTime() + 60_000))).toEqual({ expired: 0, reminded: 0 });

    const reminderAt = new Date(requestedAt.getTime() + 18 * HOUR);
    expect(await sweepAt(reminderAt)).toEqual({ expired: 0, reminded: 1 });
    expect(await sweepAt(new Date(reminderAt.getTime() + HOUR))).toEqual({ expired: 0, reminded: 0 });

    const mails = await mailTo(seller.email);
    await mailTo(seller.email);
    expect(mails.map((m) => m.subject)).toEqual([
      `Your offer of $9.00 for return ${ret.rma} has expired`,
      expect.stringMatching(new RegExp(`^Reminder: return ${ret.rma} is due by `)),
    ]);
    expect(mails[0]!.body.text).toContain('The buyer did not answer in time.');
    expect((await mailTo(seller.email)).length).toBe(2);
    expect((await ledger.sentFor(ret.id)).map((n) => n.kind).sort()).toEqual([
      'DEADLINE_REMINDER',
      'OFFER_ANSWERED',
    ]);
    const latest = (await repo.get(ret.sellerId, ret.id))!;
    expect(latest.timeline.filter((e) => e.type === 'EXPIRE_OFFER')).toHaveLength(1);
    expect(latest.timeline.filter((e) => e.type === 'REMIND_DEADLINE')).toHaveLength(1);
  });
});
