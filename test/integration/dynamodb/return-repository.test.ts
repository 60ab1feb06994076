import { describe, expect, it } from 'vitest';
import { ConcurrencyConflictError, ValidationError } from '../../../domain/errors.js';
import { withEvents } from '../../../domain/events/derive-events.js';
import { eventSnapshot, UnfrozenEventError } from '../../../domain/events/event-snapshot.js';
import { transition } from '../../../domain/lifecycle.js';
import type { ReturnListQuery } from '../../../domain/ports.js';
import type { Return } from '../../../domain/return.js';
import { happyPathLifecycle } from '../../../bench/key-heat/lifecycle.js';
import { itemSize } from '../../../bench/key-heat/item-size.js';
import { DynamoReturnRepository } from '../../../functions/adapters/dynamodb/return-repository.js';
import { PACKED_ATTRIBUTE } from '../../../functions/adapters/dynamodb/return-item.js';
import {
  LISTING_SHARDS,
  listingShardOf,
  returnItemKeys,
  returnKey,
} from '../../../functions/adapters/dynamodb/table-design.js';
import { makeReturn, nextVersion } from '../../support/return-factory.js';
import { rawItem, tableOptions, uniqueId, uniqueSellerId } from '../support/table.js';

const repo = new DynamoReturnRepository(tableOptions());
const SYSTEM = { kind: 'system' } as const;

const createMany = async (sellerId: string, count: number, status?: Return['status']): Promise<Return[]> => {
  const created: Return[] = [];
  // One after another, so ids (monotonic ULIDs) and createdAt both follow creation order.
  for (let i = 0; i < count; i++) {
    const ret = makeReturn({ sellerId, ...(status ? { status } : {}) });
    await repo.create(ret);
    created.push(ret);
  }
  return created;
};

const listAll = async (sellerId: string, query: Omit<ReturnListQuery, 'cursor'>) => {
  const pages: Return[][] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.list(sellerId, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page.items);
    cursor = page.cursor;
  } while (cursor);
  return pages;
};

const expectCursorRejected = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues).toEqual([
    { field: 'cursor', rule: 'must be a cursor returned by this endpoint' },
  ]);
};

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('DynamoReturnRepository', () => {
  describe('create and get', () => {
    it('reads back exactly the return it wrote, without storage attributes', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId(), status: 'REFUND_PENDING_APPROVAL' });
      await repo.create(ret);

      const read = await repo.get(ret.sellerId, ret.id);

      expect(read).toEqual(ret);
      expect(Object.keys(read ?? {}).some((k) => /^(pk|sk|gsi\d(pk|sk)|entity)$/.test(k))).toBe(false);
    });

    it('stores the index keys the access patterns query', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId(), status: 'LABEL_ISSUED' });
      await repo.create(ret);

      const item = await rawItem(returnKey(ret.sellerId, ret.id));
      const shard = listingShardOf(ret.id);

      expect(item).toMatchObject({
        pk: `SELLER#${ret.sellerId}#RETURN#${ret.id}`,
        sk: 'RETURN',
        gsi1pk: `SELLER#${ret.sellerId}#STATUS#LABEL_ISSUED#SHARD#${shard}`,
        gsi1sk: `${ret.createdAt}#${ret.id}`,
        gsi2pk: `TRACKING#${ret.trackingNumber}`,
        gsi2sk: 'RETURN',
        gsi3pk: `SELLER#${ret.sellerId}#ORDER#${ret.orderId}`,
        gsi3sk: `${ret.createdAt}#${ret.id}`,
        gsi4pk: `SELLER#${ret.sellerId}#SHARD#${shard}`,
        gsi4sk: `${ret.createdAt}#${ret.id}`,
        gsi5pk: `SELLER#${ret.sellerId}#RMA#${ret.rma}`,
        gsi5sk: `${ret.createdAt}#${ret.id}`,
      });
      expect(item).toMatchObject(returnItemKeys(ret));
    });

    it('packs the bulk of a completed return, so each write of it bills a quarter of the units', async () => {
      const lifecycle = happyPathLifecycle(
        uniqueSellerId(),
        makeReturn({ sellerId: 'any' }).id,
        new Date('2026-11-02T00:00:00Z'),
      );
      const completed = lifecycle.versions.at(-1)!;
      await repo.create(completed);

      const item = (await rawItem(returnKey(completed.sellerId, completed.id)))!;
      const unpacked = { ...completed, ...returnItemKeys(completed), entity: 'RETURN' };

      expect(completed.status).toBe('COMPLETED');
      expect(item[PACKED_ATTRIBUTE]).toBeInstanceOf(Uint8Array);
      expect(item).not.toHaveProperty('timeline');
      expect(item).toMatchObject({ sellerId: completed.sellerId, id: completed.id, status: 'COMPLETED' });
      expect(itemSize(unpacked)).toBeGreaterThan(7 * 1024);
      expect(itemSize(item)).toBeLessThan(2 * 1024);
      expect(await repo.get(completed.sellerId, completed.id)).toEqual(completed);
    });

    it('leaves a return without a tracking number out of the tracking index', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId() });
      await repo.create(ret);

      const item = await rawItem(returnKey(ret.sellerId, ret.id));

      expect(item).toBeDefined();
      expect(item).not.toHaveProperty('gsi2pk');
      expect(item).not.toHaveProperty('gsi2sk');
    });

    it('answers undefined for a return of another seller, as for one that does not exist', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId() });
      await repo.create(ret);

      expect(await repo.get(uniqueSellerId(), ret.id)).toBeUndefined();
      expect(await repo.get(ret.sellerId, 'NO-SUCH-ID')).toBeUndefined();
    });

    it('refuses to create a return whose id exists, and keeps the first', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId() });
      await repo.create(ret);

      await expect(repo.create({ ...ret, comment: 'second' })).rejects.toBeInstanceOf(
        ConcurrencyConflictError,
      );
      expect(await repo.get(ret.sellerId, ret.id)).toEqual(ret);
    });
  });

  describe('update', () => {
    it('writes the next version over the one it was read at', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId() });
      await repo.create(ret);
      const next = nextVersion(ret, { status: 'LABEL_ISSUED' });

      await repo.update(next);

      expect(await repo.get(ret.sellerId, ret.id)).toEqual(next);
    });

    it('refuses a stale version with ConcurrencyConflictError and leaves the stored item unchanged', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId() });
      await repo.create(ret);
      const winner = nextVersion(ret, { status: 'LABEL_ISSUED' });
      await repo.update(winner);
      const before = await rawItem(returnKey(ret.sellerId, ret.id));

      const stale = nextVersion(ret, { status: 'CLOSED', closure: { reason: 'OTHER' } });
      await expect(repo.update(stale)).rejects.toBeInstanceOf(ConcurrencyConflictError);

      expect(await rawItem(returnKey(ret.sellerId, ret.id))).toEqual(before);
    });

    it('stores a thin event until the write that moves past it, and refuses a write that does not freeze it', async () => {
      const open = makeReturn({ sellerId: uniqueSellerId(), status: 'AUTHORIZATION_REQUIRED' });
      const ret = withEvents(
        open,
        transition(open, { type: 'AUTHORIZE' }, { now: new Date(), actor: SYSTEM }),
      );
      await repo.create(ret);
      expect(ret.outbox?.pending.map((e) => e.data)).toEqual([{ change: expect.anything() }]);
      const before = await rawItem(returnKey(ret.sellerId, ret.id));

      await expect(repo.update(nextVersion(ret, { status: 'LABEL_ISSUED' }))).rejects.toThrow(
        UnfrozenEventError,
      );
      expect(await rawItem(returnKey(ret.sellerId, ret.id))).toEqual(before);

      const frozen = withEvents(ret, nextVersion(ret, { status: 'LABEL_ISSUED' }));
      await repo.update(frozen);
      expect((await repo.get(ret.sellerId, ret.id))?.outbox?.pending.map((e) => e.data.return)).toEqual([
        eventSnapshot(ret),
      ]);
    });

    it('refuses a version that skips ahead', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId() });
      await repo.create(ret);

      await expect(repo.update({ ...nextVersion(ret), version: ret.version + 2 })).rejects.toBeInstanceOf(
        ConcurrencyConflictError,
      );
    });

    it('refuses to update a return that was never created', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId() });

      await expect(repo.update(nextVersion(ret))).rejects.toBeInstanceOf(ConcurrencyConflictError);
      expect(await repo.get(ret.sellerId, ret.id)).toBeUndefined();
    });

    it('lets exactly one of several racing writers from the same version win', async () => {
      const ret = makeReturn({ sellerId: uniqueSellerId() });
      await repo.create(ret);
      const contenders = Array.from({ length: 8 }, (_, i) =>
        nextVersion(ret, { status: i % 2 ? 'AUTHORIZED' : 'CLOSED', comment: `writer ${i}` }),
      );

      const results = await Promise.allSettled(contenders.map((next) => repo.update(next)));

      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [contenders[i]] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(contenders.length - 1);
      for (const reason of lost) expect(reason).toBeInstanceOf(ConcurrencyConflictError);
      expect(await repo.get(ret.sellerId, ret.id)).toEqual(won[0]);
    });

    it('moves the return between status listings and into the tracking index', async () => {
      const sellerId = uniqueSellerId();
      const ret = makeReturn({ sellerId, status: 'AUTHORIZED' });
      await repo.create(ret);
      const trackingNumber = uniqueId('1Z');

      await repo.update(nextVersion(ret, { status: 'LABEL_ISSUED', trackingNumber }));

      expect((await repo.list(sellerId, { status: 'AUTHORIZED', limit: 10 })).items).toEqual([]);
      expect(
        (await repo.list(sellerId, { status: 'LABEL_ISSUED', limit: 10 })).items.map((r) => r.id),
      ).toEqual([ret.id]);
      expect(await repo.findByTrackingNumber(trackingNumber)).toEqual({ sellerId, id: ret.id });
    });
  });

  describe('list', () => {
    it('pages through 25 returns 10 at a time, newest first, each exactly once', async () => {
      const sellerId = uniqueSellerId();
      const created = await createMany(sellerId, 25);

      const pages = await listAll(sellerId, { limit: 10 });

      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      expect(pages.flat().map((r) => r.id)).toEqual(created.map((r) => r.id).reverse());
      expect(pages.flat()).toEqual([...created].reverse());
    });

    it('spreads a seller’s listing over the shards and merges them back in order', async () => {
      const sellerId = uniqueSellerId();
      const created = await createMany(sellerId, 40, 'AUTHORIZED');
      const shards = new Set(
        await Promise.all(created.map(async (r) => (await rawItem(returnKey(sellerId, r.id)))?.gsi4pk)),
      );

      expect(shards.size).toBeGreaterThan(LISTING_SHARDS / 2);
      const pages = await listAll(sellerId, { status: 'AUTHORIZED', limit: 7 });
      expect(pages.flat().map((r) => r.id)).toEqual(created.map((r) => r.id).reverse());
    });

    it('gives no cursor on a last page that is exactly full', async () => {
      const sellerId = uniqueSellerId();
      await createMany(sellerId, 10);

      const page = await repo.list(sellerId, { limit: 10 });

      expect(page.items).toHaveLength(10);
      expect(page.cursor).toBeUndefined();
    });

    it('answers an empty page for a seller with no returns', async () => {
      expect(await repo.list(uniqueSellerId(), { limit: 10 })).toEqual({ items: [] });
    });

    it('lists only the seller’s own returns', async () => {
      const sellerId = uniqueSellerId();
      const own = await createMany(sellerId, 3);
      await createMany(uniqueSellerId(), 3);

      const page = await repo.list(sellerId, { limit: 50 });

      expect(page.items.map((r) => r.id).sort()).toEqual(own.map((r) => r.id).sort());
    });

    it('lists by status, newest first, and pages within the status', async () => {
      const sellerId = uniqueSellerId();
      const authorized = await createMany(sellerId, 5, 'AUTHORIZED');
      await createMany(sellerId, 4, 'CLOSED');

      const pages = await listAll(sellerId, { status: 'AUTHORIZED', limit: 2 });

      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat().map((r) => r.id)).toEqual(authorized.map((r) => r.id).reverse());
      expect((await repo.list(sellerId, { status: 'CLOSED', limit: 10 })).items).toHaveLength(4);
      expect((await repo.list(sellerId, { status: 'REFUNDED', limit: 10 })).items).toEqual([]);
    });

    it('rejects a cursor that is not base64url JSON', async () => {
      const sellerId = uniqueSellerId();
      await expectCursorRejected(repo.list(sellerId, { limit: 10, cursor: 'not a cursor!' }));
      await expectCursorRejected(repo.list(sellerId, { limit: 10, cursor: encode('x').slice(1) }));
      await expectCursorRejected(repo.list(sellerId, { limit: 10, cursor: encode(['pk', 'sk']) }));
    });

    it('rejects a cursor of another seller', async () => {
      const sellerA = uniqueSellerId();
      const sellerB = uniqueSellerId();
      await createMany(sellerA, 3, 'AUTHORIZED');
      await createMany(sellerB, 3, 'AUTHORIZED');
      const pageA = await repo.list(sellerA, { limit: 1 });
      const statusPageA = await repo.list(sellerA, { status: 'AUTHORIZED', limit: 1 });
      expect(pageA.cursor).toBeDefined();
      expect(statusPageA.cursor).toBeDefined();

      await expectCursorRejected(repo.list(sellerB, { limit: 1, cursor: pageA.cursor }));
      await expectCursorRejected(
        repo.list(sellerB, { status: 'AUTHORIZED', limit: 1, cursor: statusPageA.cursor }),
      );
    });

    it('rejects a cursor edited to name another seller or filter, or to hold a foreign key', async () => {
      const sellerA = uniqueSellerId();
      const sellerB = uniqueSellerId();
      await createMany(sellerB, 2);
      await createMany(sellerA, 2);
      const { cursor } = await repo.list(sellerA, { limit: 1 });
      const decoded = JSON.parse(Buffer.from(cursor ?? '', 'base64url').toString()) as Record<string, string>;
      expect(Object.keys(decoded).sort()).toEqual(['filter', 'last', 'seller']);

      const cases = [
        { ...decoded, seller: sellerB },
        { ...decoded, filter: JSON.stringify({ kind: 'status', status: 'CLOSED' }) },
        { ...decoded, last: 'PROFILE' },
        { ...decoded, pk: `SELLER#${sellerB}` },
      ];
      for (const forged of cases) {
        await expectCursorRejected(repo.list(sellerA, { limit: 1, cursor: encode(forged) }));
      }
    });

    it('rejects a cursor from another status listing, or from the unfiltered one', async () => {
      const sellerId = uniqueSellerId();
      await createMany(sellerId, 2, 'AUTHORIZED');
      await createMany(sellerId, 2, 'CLOSED');
      const all = await repo.list(sellerId, { limit: 1 });
      const authorized = await repo.list(sellerId, { status: 'AUTHORIZED', limit: 1 });

      await expectCursorRejected(
        repo.list(sellerId, { status: 'CLOSED', limit: 1, cursor: authorized.cursor }),
      );
      await expectCursorRejected(repo.list(sellerId, { status: 'CLOSED', limit: 1, cursor: all.cursor }));
      await expectCursorRejected(repo.list(sellerId, { limit: 1, cursor: authorized.cursor }));
    });

    it('rejects a limit below 1 or above 100', async () => {
      await expect(repo.list(uniqueSellerId(), { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(repo.list(uniqueSellerId(), { limit: 101 })).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('findByTrackingNumber', () => {
    it('finds the return a tracking number belongs to, whatever its seller', async () => {
      const ret = makeReturn({
        sellerId: uniqueSellerId(),
        status: 'IN_TRANSIT',
        trackingNumber: uniqueId('1Z'),
      });
      await repo.create(ret);
      await repo.create(makeReturn({ sellerId: uniqueSellerId(), status: 'IN_TRANSIT' }));

      expect(await repo.findByTrackingNumber(ret.trackingNumber ?? '')).toEqual({
        sellerId: ret.sellerId,
        id: ret.id,
      });
    });

    it('answers undefined for a tracking number no return has', async () => {
      expect(await repo.findByTrackingNumber(uniqueId('1Z'))).toBeUndefined();
    });
  });

  describe('list by order and by RMA', () => {
    it('finds the seller’s returns for an order, newest first, and no other seller’s', async () => {
      const sellerId = uniqueSellerId();
      const orderId = uniqueId('order');
      const first = makeReturn({ sellerId, orderId, createdAt: '2026-11-02T10:00:00.000Z' });
      const second = makeReturn({ sellerId, orderId, createdAt: '2026-11-03T10:00:00.000Z' });
      await repo.create(first);
      await repo.create(second);
      await repo.create(makeReturn({ sellerId: uniqueSellerId(), orderId }));
      await repo.create(makeReturn({ sellerId }));

      expect(await repo.list(sellerId, { orderId, limit: 10 })).toEqual({ items: [second, first] });
      expect(await listAll(sellerId, { orderId, limit: 1 })).toEqual([[second], [first]]);
      expect(await repo.list(sellerId, { orderId: uniqueId('order'), limit: 10 })).toEqual({ items: [] });
    });

    it('finds the seller’s return by RMA, and not another seller’s with the same RMA', async () => {
      const sellerId = uniqueSellerId();
      const rma = uniqueId('RMA');
      const ret = makeReturn({ sellerId, rma });
      await repo.create(ret);
      await repo.create(makeReturn({ sellerId: uniqueSellerId(), rma }));
      await repo.create(makeReturn({ sellerId }));

      expect(await repo.list(sellerId, { rma, limit: 10 })).toEqual({ items: [ret] });
      expect(await repo.list(uniqueSellerId(), { rma, limit: 10 })).toEqual({ items: [] });
    });

    it('rejects a cursor of one order’s listing on another order', async () => {
      const sellerId = uniqueSellerId();
      const orderId = uniqueId('order');
      await repo.create(makeReturn({ sellerId, orderId }));
      await repo.create(makeReturn({ sellerId, orderId }));
      const { cursor } = await repo.list(sellerId, { orderId, limit: 1 });
      expect(cursor).toBeDefined();

      await expectCursorRejected(repo.list(sellerId, { orderId: uniqueId('order'), limit: 1, cursor }));
      await expectCursorRejected(repo.list(sellerId, { limit: 1, cursor }));
    });
  });
});
