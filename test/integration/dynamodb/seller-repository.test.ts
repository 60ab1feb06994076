import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord, Seller } from '../../../domain/ports.js';
import { DynamoSellerRepository } from '../../../functions/adapters/dynamodb/seller-repository.js';
import {
  apiKeyKey,
  sellerApiKeyKey,
  sellerDirectoryKey,
  sellerProfileKey,
} from '../../../functions/adapters/dynamodb/table-design.js';
import { rawItem, tableOptions, uniqueId, uniqueSellerId } from '../support/table.js';

const repo = new DynamoSellerRepository(tableOptions());

const makeSeller = (overrides: Partial<Seller> = {}): Seller => ({
  sellerId: uniqueSellerId(),
  name: 'Acme Outlet',
  email: 'ops@acme.example.com',
  locale: 'en-US',
  status: 'ACTIVE',
  createdAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

const makeApiKey = (sellerId: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  keyId: uniqueId('key'),
  sellerId,
  secretHash: 'a'.repeat(64),
  status: 'ACTIVE',
  createdAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

describe('DynamoSellerRepository', () => {
  it('writes a seller and reads it back', async () => {
    const seller = makeSeller();

    await repo.put(seller);

    expect(await repo.get(seller.sellerId)).toEqual(seller);
  });

  it('answers undefined for a seller that does not exist', async () => {
    expect(await repo.get(uniqueSellerId())).toBeUndefined();
  });

  it('writes the profile and the directory entry together', async () => {
    const seller = makeSeller();

    await repo.put(seller);

    expect(await rawItem(sellerProfileKey(seller.sellerId))).toMatchObject({ ...seller, entity: 'SELLER' });
    expect(await rawItem(sellerDirectoryKey(seller.sellerId))).toMatchObject({
      ...seller,
      pk: 'SELLERS',
      sk: `SELLER#${seller.sellerId}`,
      entity: 'SELLER_DIRECTORY',
    });
  });

  it('lists sellers from the directory, with their latest profile', async () => {
    const first = makeSeller();
    const second = makeSeller({ locale: 'de-DE' });
    await repo.put(first);
    await repo.put(second);
    const suspended = { ...first, status: 'SUSPENDED' as const };
    await repo.put(suspended);

    const sellers = await repo.listSellers();

    // The table is shared by every test file, so look only for this test's sellers.
    const mine = sellers.filter((s) => [first.sellerId, second.sellerId].includes(s.sellerId));
    expect(mine).toHaveLength(2);
    expect(mine).toEqual(expect.arrayContaining([suspended, second]));
  });

  it('refuses a seller that does not match the record shape, writing nothing', async () => {
    const seller = makeSeller({ status: 'DELETED' as Seller['status'] });

    await expect(repo.put(seller)).rejects.toThrow();
    expect(await repo.get(seller.sellerId)).toBeUndefined();
  });

  describe('API keys', () => {
    /** A key of a seller that exists and is active. */
    const activeSellersKey = async (): Promise<ApiKeyRecord> => {
      const seller = makeSeller();
      await repo.put(seller);
      return makeApiKey(seller.sellerId);
    };

    it('writes a key record and reads it back by key id, with its seller’s status', async () => {
      const key = await activeSellersKey();

      await repo.putApiKey(key);

      expect(await repo.getApiKey(key.keyId)).toEqual({ ...key, sellerStatus: 'ACTIVE' });
    });

    it('reads a key of a seller without a profile as suspended', async () => {
      const key = makeApiKey(uniqueSellerId());

      await repo.putApiKey(key);

      expect(await repo.getApiKey(key.keyId)).toEqual({ ...key, sellerStatus: 'SUSPENDED' });
    });

    it('stamps a suspension, and a reactivation, onto every key of the seller and no one else’s', async () => {
      const seller = makeSeller();
      await repo.put(seller);
      const keys = [makeApiKey(seller.sellerId), makeApiKey(seller.sellerId)];
      for (const key of keys) await repo.putApiKey(key);
      const someoneElses = await activeSellersKey();
      await repo.putApiKey(someoneElses);

      await repo.put({ ...seller, status: 'SUSPENDED' });
      for (const key of keys) expect((await repo.getApiKey(key.keyId))?.sellerStatus).toBe('SUSPENDED');
      expect((await repo.getApiKey(someoneElses.keyId))?.sellerStatus).toBe('ACTIVE');

      await repo.put(seller);
      for (const key of keys) expect((await repo.getApiKey(key.keyId))?.sellerStatus).toBe('ACTIVE');
    });

    it('never leaves a key active when the seller is suspended while the key is being issued', async () => {
      for (let round = 0; round < 10; round++) {
        const seller = makeSeller();
        await repo.put(seller);
        const key = makeApiKey(seller.sellerId);

        await Promise.all([repo.putApiKey(key), repo.put({ ...seller, status: 'SUSPENDED' })]);

        expect((await repo.getApiKey(key.keyId))?.sellerStatus).toBe('SUSPENDED');
      }
    });

    it('answers undefined for an unknown key id', async () => {
      expect(await repo.getApiKey(uniqueId('key'))).toBeUndefined();
    });

    it('replaces a key record, so a revocation sticks', async () => {
      const key = await activeSellersKey();
      await repo.putApiKey(key);

      await repo.putApiKey({ ...key, status: 'REVOKED' });

      expect(await repo.getApiKey(key.keyId)).toEqual({ ...key, status: 'REVOKED', sellerStatus: 'ACTIVE' });
    });

    it("writes the key record and its entry in the seller's partition", async () => {
      const key = makeApiKey(uniqueSellerId());

      await repo.putApiKey(key);

      expect(await rawItem(apiKeyKey(key.keyId))).toMatchObject({ ...key, entity: 'API_KEY' });
      expect(await rawItem(sellerApiKeyKey(key.sellerId, key.keyId))).toMatchObject({
        ...key,
        pk: `SELLER#${key.sellerId}`,
        sk: `APIKEY#${key.keyId}`,
        entity: 'SELLER_API_KEY',
      });
    });

    it("lists a seller's keys in key-id order (ULIDs, so oldest first), as they now stand, and no one else's", async () => {
      const sellerId = uniqueSellerId();
      const first = makeApiKey(sellerId, { keyId: `${uniqueId('key')}-1` });
      const second = makeApiKey(sellerId, { keyId: first.keyId.replace(/-1$/, '-2') });
      const someoneElses = makeApiKey(uniqueSellerId());
      await repo.putApiKey(second);
      await repo.putApiKey(first);
      await repo.putApiKey(someoneElses);
      await repo.putApiKey({ ...first, status: 'REVOKED' });

      expect(await repo.listApiKeys(sellerId)).toEqual([{ ...first, status: 'REVOKED' }, second]);
    });

    it('lists no keys for a seller that has none, though its partition holds other items', async () => {
      const seller = makeSeller();
      await repo.put(seller);

      expect(await repo.listApiKeys(seller.sellerId)).toEqual([]);
    });
  });
});
