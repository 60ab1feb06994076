import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient, tableNameFromEnv } from '../../../functions/adapters/dynamodb/document-client.js';
import { DynamoConnectionRepository } from '../../../functions/adapters/dynamodb/connection-repository.js';
import { connectionKey } from '../../../functions/adapters/dynamodb/table-design.js';
import { KmsSecretSealer, SealedSecretError } from '../../../functions/adapters/kms-secret-sealer.js';
import type { IntegrationConnection } from '../../../domain/ports.js';
import { rawItem, tableOptions, uniqueSellerId } from '../support/table.js';

const repository = () => new DynamoConnectionRepository({ ...tableOptions(), sealer: new KmsSecretSealer() });

const connectionOf = (sellerId: string, connectionId = `conn_${sellerId}`): IntegrationConnection => ({
  sellerId,
  provider: 'stripe',
  connectionId,
  settings: { mode: 'test', secretKeyLast4: 'abcd' },
  secrets: { secretKey: `sk_test_${sellerId}abcd`, webhookSecret: 'whsec_0123456789' },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

describe('DynamoConnectionRepository on the KMS stand-in', () => {
  it('stores the secrets sealed, and opens them for its own seller only', async () => {
    const sellerId = uniqueSellerId();
    const connection = connectionOf(sellerId);
    await repository().put(connection);

    const item = await rawItem(connectionKey(sellerId, 'stripe') as { pk: string; sk: string });
    expect(JSON.stringify(item)).not.toContain(connection.secrets.secretKey!);
    expect(JSON.stringify(item)).not.toContain('whsec_');
    expect(await repository().get(sellerId, 'stripe')).toEqual(connection);
    expect(await repository().describe(sellerId, 'stripe')).toEqual({ ...connection, secrets: undefined });
    expect(await repository().getById('stripe', connection.connectionId)).toEqual(connection);
    expect(await repository().getById('easypost', connection.connectionId)).toBeUndefined();
  });

  it("refuses to open a sealed value copied onto another seller's item", async () => {
    const victim = uniqueSellerId();
    const thief = uniqueSellerId();
    await repository().put(connectionOf(victim));
    await repository().put(connectionOf(thief));
    const sealed = (await rawItem(connectionKey(victim, 'stripe') as { pk: string; sk: string }))!.sealed;
    const thiefItem = (await rawItem(connectionKey(thief, 'stripe') as { pk: string; sk: string }))!;
    await documentClient.send(
      new PutCommand({ TableName: tableNameFromEnv(), Item: { ...thiefItem, sealed } }),
    );
    await expect(repository().get(thief, 'stripe')).rejects.toBeInstanceOf(SealedSecretError);
  });

  it('forgets a deleted connection, by seller and by the id its webhook URL names', async () => {
    const sellerId = uniqueSellerId();
    const connection = connectionOf(sellerId);
    await repository().put(connection);
    expect(await repository().delete(sellerId, 'stripe')).toBe(true);
    expect(await repository().delete(sellerId, 'stripe')).toBe(false);
    expect(await repository().get(sellerId, 'stripe')).toBeUndefined();
    expect(await repository().getById('stripe', connection.connectionId)).toBeUndefined();
  });

  it('believes a directory entry only while the seller still has that connection', async () => {
    const sellerId = uniqueSellerId();
    await repository().put(connectionOf(sellerId, 'conn_old'));
    await repository().put(connectionOf(sellerId, 'conn_new'));
    expect(await repository().getById('stripe', 'conn_old')).toBeUndefined();
    expect((await repository().getById('stripe', 'conn_new'))?.sellerId).toBe(sellerId);
  });
});
