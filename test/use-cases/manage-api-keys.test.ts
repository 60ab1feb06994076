import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.js';
import { hashSecret, parseApiKey } from '../../functions/auth/api-key.js';
import { issueKey } from '../../functions/use-cases/onboard-seller.js';
import { revokeApiKey, rotateApiKey } from '../../functions/use-cases/manage-api-keys.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';

const { sellerId } = TEST_SELLER;
const now = new Date('2026-11-10T12:00:00Z');
const keyIdOf = (apiKey: string) => parseApiKey(apiKey)!.keyId;

describe('rotateApiKey', () => {
  it('stores the new key, hashed and active, and revokes the others when asked', async () => {
    const world = inMemoryWorld();
    const old = keyIdOf(await issueKey(world, sellerId, now));

    const rotated = await rotateApiKey(world, { sellerId, revokePrevious: true }, now);

    expect(rotated.revokedKeyIds).toEqual([old]);
    const stored = await world.sellers.getApiKey(rotated.keyId);
    expect(stored).toEqual({
      keyId: rotated.keyId,
      sellerId,
      secretHash: hashSecret(parseApiKey(rotated.apiKey)!.secret),
      status: 'ACTIVE',
      createdAt: now.toISOString(),
      sellerStatus: 'ACTIVE',
    });
    expect((await world.sellers.getApiKey(old))?.status).toBe('REVOKED');
  });

  it('keeps the other keys working unless asked to revoke them', async () => {
    const world = inMemoryWorld();
    const old = keyIdOf(await issueKey(world, sellerId, now));

    const rotated = await rotateApiKey(world, { sellerId, revokePrevious: false }, now);

    expect(rotated.revokedKeyIds).toEqual([]);
    expect((await world.sellers.listApiKeys(sellerId)).map((k) => [k.keyId, k.status])).toEqual([
      [old, 'ACTIVE'],
      [rotated.keyId, 'ACTIVE'],
    ]);
  });

  it('refuses a seller that does not exist', async () => {
    await expect(
      rotateApiKey(inMemoryWorld(), { sellerId: 'nobody', revokePrevious: false }, now),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('revokeApiKey', () => {
  it('revokes an active key once, and knows no unknown key', async () => {
    const world = inMemoryWorld();
    const keyId = keyIdOf(await issueKey(world, sellerId, now));

    expect(await revokeApiKey(world, keyId)).toMatchObject({ wasActive: true, key: { status: 'REVOKED' } });
    expect(await revokeApiKey(world, keyId)).toMatchObject({ wasActive: false, key: { status: 'REVOKED' } });
    expect((await world.sellers.getApiKey(keyId))?.status).toBe('REVOKED');
    await expect(revokeApiKey(world, 'kid_unknown')).rejects.toThrow(NotFoundError);
  });
});
