import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/api/authorizer.js';
import { documentClient, tableNameFromEnv } from '../../../functions/adapters/dynamodb/document-client.js';
import { DynamoSellerRepository } from '../../../functions/adapters/dynamodb/seller-repository.js';
import { newSeller } from '../support/api.js';
import { dynamoCallsOf } from '../support/dynamodb-calls.js';

const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:api123/prod/GET/v1/returns';
const authorize = (authorizationToken: string) =>
  handler({ type: 'TOKEN', authorizationToken, methodArn } as APIGatewayTokenAuthorizerEvent);

describe('API-key authorizer', () => {
  let seller: { sellerId: string; apiKey: string };
  const sellers = () => new DynamoSellerRepository({ client: documentClient, tableName: tableNameFromEnv() });
  beforeAll(async () => {
    seller = await newSeller();
  });

  it('yields the seller of a valid key, for the whole API', async () => {
    const result = await authorize(`Bearer ${seller.apiKey}`);
    expect(result.context).toMatchObject({ sellerId: seller.sellerId });
    expect(result.policyDocument.Statement).toEqual([
      {
        Action: 'execute-api:Invoke',
        Effect: 'Allow',
        Resource: 'arn:aws:execute-api:us-east-1:123456789012:api123/prod/*',
      },
    ]);
  });

  it('reads exactly one item per request, accepted or refused, with nothing cached', async () => {
    const { apiKey, sellerId } = await newSeller();
    expect(await dynamoCallsOf(() => authorize(`Bearer ${apiKey}`))).toEqual(['GetItemCommand']);
    expect(await dynamoCallsOf(() => authorize(`Bearer ${apiKey}`))).toEqual(['GetItemCommand']);
    const profile = (await sellers().get(sellerId))!;
    await sellers().put({ ...profile, status: 'SUSPENDED' });
    expect(await dynamoCallsOf(() => authorize(`Bearer ${apiKey}`))).toEqual(['GetItemCommand']);
  });

  it.each([
    ['no scheme', (k: string) => k],
    ['a wrong scheme', (k: string) => `Basic ${k}`],
    ['a wrong secret', (k: string) => `Bearer ${k.slice(0, -4)}AAAA`],
    ['an unknown key id', (k: string) => `Bearer rk_01j00000000000000000000000_${k.slice(-43)}`],
    ['garbage', () => 'Bearer <script>'],
    ['an empty token', () => ''],
  ])('refuses %s with Unauthorized', async (_name, token) => {
    await expect(authorize(token(seller.apiKey))).rejects.toThrow('Unauthorized');
  });

  it('refuses a revoked key at once', async () => {
    const { apiKey, sellerId } = await newSeller();
    const keyId = /^rk_([0-9a-z]{26})_/.exec(apiKey)![1]!;
    const record = (await sellers().getApiKey(keyId))!;
    await sellers().putApiKey({ ...record, status: 'REVOKED' });
    await expect(authorize(`Bearer ${apiKey}`)).rejects.toThrow('Unauthorized');
    expect(sellerId).toMatch(/^test-/);
  });

  it('refuses the key of a suspended seller', async () => {
    const { apiKey, sellerId } = await newSeller();
    const profile = (await sellers().get(sellerId))!;
    await sellers().put({ ...profile, status: 'SUSPENDED' });
    await expect(authorize(`Bearer ${apiKey}`)).rejects.toThrow('Unauthorized');
  });

  it('accepts the key again once its seller is reactivated', async () => {
    const { apiKey, sellerId } = await newSeller();
    const profile = (await sellers().get(sellerId))!;
    await sellers().put({ ...profile, status: 'SUSPENDED' });
    await sellers().put(profile);
    expect((await authorize(`Bearer ${apiKey}`)).context).toMatchObject({ sellerId });
  });
});
