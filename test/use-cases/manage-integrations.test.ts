import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import {
  connectIntegration,
  describeIntegration,
  disconnectIntegration,
} from '../../functions/use-cases/manage-integrations.js';
import { inMemoryWorld } from '../support/in-memory/world.js';

const BASE = 'https://api.example.com/prod';
const KEYS = { secretKey: 'sk_live_0123456789abcdefWXYZ', webhookSecret: 'whsec_0123456789abcd' };

describe('connecting a seller to Stripe or EasyPost', () => {
  it('keeps the secrets apart from what is shown, and the connection id across a key change', async () => {
    const world = { ...inMemoryWorld(), connectPlatform: false };
    const first = await connectIntegration(world, 'seller-1', 'stripe', KEYS, BASE);
    expect(first).toEqual({
      provider: 'stripe',
      connectionId: expect.stringMatching(/^conn_[\w-]{24}$/),
      mode: 'live',
      keyType: 'secret',
      secretKeyLast4: 'WXYZ',
      webhookSecretLast4: 'abcd',
      webhookUrl: `${BASE}/v1/webhooks/payments/stripe/${first.connectionId}`,
      createdAt: '2026-11-10T12:00:00.000Z',
      updatedAt: '2026-11-10T12:00:00.000Z',
    });
    expect((await world.connections.get('seller-1', 'stripe'))?.secrets).toEqual(KEYS);

    world.clock.advance(60_000);
    const second = await connectIntegration(
      world,
      'seller-1',
      'stripe',
      { ...KEYS, secretKey: 'rk_test_abcdefgh1111' },
      BASE,
    );
    expect(second).toMatchObject({ connectionId: first.connectionId, mode: 'test', keyType: 'restricted' });
    expect(second.updatedAt).not.toBe(second.createdAt);
    expect(await describeIntegration(world, 'seller-1', 'stripe', BASE)).toEqual(second);
  });

  it('takes a Connect account only where the region has a platform key, with nothing to seal', async () => {
    const without = { ...inMemoryWorld(), connectPlatform: false };
    await expect(
      connectIntegration(without, 'seller-1', 'stripe', { accountId: 'acct_0123456789' }, BASE),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await without.connections.get('seller-1', 'stripe')).toBeUndefined();

    const withPlatform = { ...inMemoryWorld(), connectPlatform: true };
    const view = await connectIntegration(
      withPlatform,
      'seller-1',
      'stripe',
      { accountId: 'acct_0123456789' },
      BASE,
    );
    expect(view).toMatchObject({ mode: 'connect', accountId: 'acct_0123456789' });
    expect((await withPlatform.connections.get('seller-1', 'stripe'))?.secrets).toEqual({});
  });

  it('disconnects once; a second time, or another provider, is not found', async () => {
    const world = { ...inMemoryWorld(), connectPlatform: false };
    await connectIntegration(
      world,
      'seller-1',
      'easypost',
      { apiKey: 'EZAK0123456789abcdef', webhookSecret: 'x'.repeat(16) },
      BASE,
    );
    await expect(disconnectIntegration(world, 'seller-1', 'stripe')).rejects.toBeInstanceOf(NotFoundError);
    await disconnectIntegration(world, 'seller-1', 'easypost');
    await expect(disconnectIntegration(world, 'seller-1', 'easypost')).rejects.toBeInstanceOf(NotFoundError);
    await expect(describeIntegration(world, 'seller-1', 'easypost', BASE)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
