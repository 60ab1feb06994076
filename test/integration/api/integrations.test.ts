import { describe, expect, it } from 'vitest';
import { connectionKey } from '../../../functions/adapters/dynamodb/table-design.js';
import { invoke } from '../support/api.js';
import { rawItem, uniqueSellerId } from '../support/table.js';

const STRIPE = { secretKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', webhookSecret: 'whsec_Zq8pL2mN4vB6xC0a' };
const EASYPOST = { apiKey: 'EZTK0123456789abcdefWXYZ', webhookSecret: 'a-webhook-secret-of-some-length' };

const path = (provider: string) => `/v1/integrations/${provider}`;
const stored = (sellerId: string, provider: string) =>
  rawItem(connectionKey(sellerId, provider) as { pk: string; sk: string });

describe('PUT, GET and DELETE /v1/integrations/{stripe,easypost}', () => {
  it('connects Stripe, shows the mode and last four characters only, and keeps the webhook URL on a key change', async () => {
    const sellerId = uniqueSellerId();
    const put = await invoke('PutStripeIntegration', { sellerId, path: path('stripe'), body: STRIPE });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      provider: 'stripe',
      mode: 'test',
      keyType: 'secret',
      secretKeyLast4: 'p7dc',
      webhookSecretLast4: 'xC0a',
    });
    expect(put.body.webhookUrl).toMatch(/\/v1\/webhooks\/payments\/stripe\/conn_[\w-]{24}$/);
    expect(JSON.stringify(put.body)).not.toContain(STRIPE.secretKey);
    expect(JSON.stringify(put.body)).not.toContain(STRIPE.webhookSecret);

    const got = await invoke('GetStripeIntegration', { sellerId, path: path('stripe') });
    expect(got).toMatchObject({ status: 200, body: put.body });

    const rotated = await invoke('PutStripeIntegration', {
      sellerId,
      path: path('stripe'),
      body: { ...STRIPE, secretKey: 'rk_live_51NewRestrictedKey9999' },
    });
    expect(rotated.body).toMatchObject({ mode: 'live', keyType: 'restricted', secretKeyLast4: '9999' });
    expect(rotated.body.webhookUrl).toBe(put.body.webhookUrl);
    expect(rotated.body.createdAt).toBe(put.body.createdAt);
  });

  it('connects EasyPost with its carrier accounts, masked', async () => {
    const sellerId = uniqueSellerId();
    const put = await invoke('PutEasyPostIntegration', {
      sellerId,
      path: path('easypost'),
      body: { ...EASYPOST, carrierAccounts: ['ca_0123456789abcdef'] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      provider: 'easypost',
      mode: 'test',
      apiKeyLast4: 'WXYZ',
      carrierAccounts: ['ca_0123456789abcdef'],
    });
    expect(put.body.webhookUrl).toMatch(/\/v1\/webhooks\/labels\/easypost\/conn_/);
    expect(JSON.stringify(put.body)).not.toContain(EASYPOST.apiKey);
  });

  it.each([
    ['a publishable key', { ...STRIPE, secretKey: 'pk_test_0123456789' }, 'secretKey'],
    ['no webhook secret', { secretKey: STRIPE.secretKey }, 'webhookSecret'],
    ['an unknown field', { ...STRIPE, extra: 1 }, 'extra'],
  ])(
    'refuses %s with a 400 naming the field, writes nothing and echoes no secret',
    async (_, body, field) => {
      const sellerId = uniqueSellerId();
      const answer = await invoke('PutStripeIntegration', { sellerId, path: path('stripe'), body });
      expect(answer.status).toBe(400);
      expect(answer.contentType).toBe('application/problem+json');
      expect(JSON.stringify(answer.body.errors)).toContain(field);
      expect(JSON.stringify(answer.body)).not.toContain(STRIPE.secretKey);
      expect(await stored(sellerId, 'stripe')).toBeUndefined();
    },
  );

  it('refuses a Stripe account id where the region has no Connect platform key', async () => {
    const sellerId = uniqueSellerId();
    const answer = await invoke('PutStripeIntegration', {
      sellerId,
      path: path('stripe'),
      body: { accountId: 'acct_1032D82eZvKYlo2C' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { field: 'accountId', rule: expect.stringContaining('platform key') },
    ]);
    expect(await stored(sellerId, 'stripe')).toBeUndefined();
  });

  it("shows a seller nothing of another's, and deletes with 204 then 404", async () => {
    const owner = uniqueSellerId();
    const other = uniqueSellerId();
    await invoke('PutEasyPostIntegration', { sellerId: owner, path: path('easypost'), body: EASYPOST });
    expect((await invoke('GetEasyPostIntegration', { sellerId: other, path: path('easypost') })).status).toBe(
      404,
    );
    expect(
      (await invoke('DeleteEasyPostIntegration', { sellerId: other, path: path('easypost') })).status,
    ).toBe(404);
    expect(
      (await invoke('DeleteEasyPostIntegration', { sellerId: owner, path: path('easypost') })).status,
    ).toBe(204);
    expect(await stored(owner, 'easypost')).toBeUndefined();
    const again = await invoke('GetEasyPostIntegration', { sellerId: owner, path: path('easypost') });
    expect(again).toMatchObject({ status: 404, contentType: 'application/problem+json' });
  });
});
