import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoPolicyRepository } from '../../functions/adapters/dynamodb/policy-repository.js';
import { DynamoSellerRepository } from '../../functions/adapters/dynamodb/seller-repository.js';
import { parseApiKey } from '../../functions/auth/api-key.js';
import { onboardSeller } from '../../functions/use-cases/onboard-seller.js';
import { DEMO_SELLERS } from './demo-sellers.js';

export interface DemoSellerKey {
  sellerId: string;
  name: string;
  apiKey: string;
}

/**
 * Makes sure both demo sellers exist with a working key. A key from an earlier run is kept while it is
 * still active, so `.local/sellers.json` stays valid across restarts.
 */
export const seedDemoSellers = async (
  table: { client: DynamoDBDocumentClient; tableName: string },
  known: DemoSellerKey[],
): Promise<DemoSellerKey[]> => {
  const sellers = new DynamoSellerRepository(table);
  const policies = new DynamoPolicyRepository(table);
  const result: DemoSellerKey[] = [];
  for (const demo of DEMO_SELLERS) {
    const previous = known.find((k) => k.sellerId === demo.sellerId);
    const keyId = previous ? parseApiKey(previous.apiKey)?.keyId : undefined;
    const record = keyId ? await sellers.getApiKey(keyId) : undefined;
    if (previous && record?.status === 'ACTIVE' && (await sellers.get(demo.sellerId))) {
      result.push(previous);
      continue;
    }
    const { apiKey } = await onboardSeller({ sellers, policies }, demo, new Date());
    result.push({ sellerId: demo.sellerId, name: demo.name, apiKey });
  }
  return result;
};
