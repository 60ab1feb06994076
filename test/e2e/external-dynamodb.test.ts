import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDb, type DynamoDbStandIn } from '../../infra/local/stand-ins/dynamodb.js';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call } from './support/http.js';
import { createBody } from '../support/requests.js';
import { returnOfItem } from '../../functions/adapters/dynamodb/return-item.js';

/** Every item of every table at `endpoint`, as plain objects. */
const everyItem = async (client: DynamoDBClient): Promise<Record<string, unknown>[]> => {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  const items: Record<string, unknown>[] = [];
  for (const TableName of TableNames) {
    for await (const page of paginateScan({ client }, { TableName })) {
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    }
  }
  return items;
};

describe('npm start with DYNAMODB_ENDPOINT', () => {
  let external: DynamoDbStandIn;
  let client: DynamoDBClient;
  let stack: RunningStack;

  beforeAll(async () => {
    // A DynamoDB the runtime did not start, with no table yet: as DynamoDB Local on a developer's machine.
    external = await startDynamoDb();
    client = new DynamoDBClient({
      endpoint: external.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    stack = await startLocalStack(undefined, { DYNAMODB_ENDPOINT: external.endpoint });
  });
  afterAll(async () => {
    await stack?.stop();
    client?.destroy();
    await external?.stop();
  });

  it('creates the table there, keeps the returns there, and starts no dynalite of its own', async () => {
    const key = stack.sellers[0]!.apiKey;
    const created = await call<{ id: string; rma: string }>(stack.api, '/v1/returns', {
      key,
      body: createBody(),
    });
    expect(created.status).toBe(201);

    const items = await everyItem(client);
    const stored = items.find((item) => item.id === created.body.id);
    expect(stored).toMatchObject({ id: created.body.id, entity: 'RETURN' });
    expect(returnOfItem(stored!)).toMatchObject({ id: created.body.id, rma: created.body.rma });
    // The demo sellers' keys were seeded there too, so the API key above was resolved from it.
    expect(items.length).toBeGreaterThan(1);

    const endpoints = JSON.parse(await readFile(join(stack.dataDir, 'endpoints.json'), 'utf8')) as {
      dynamodb: string;
    };
    expect(endpoints.dynamodb).toBe(external.endpoint);
    expect(existsSync(join(stack.dataDir, 'dynamodb'))).toBe(false);
  });

  it('refuses an endpoint that is not an http(s) URL, naming the variable', async () => {
    await expect(startLocalStack(undefined, { DYNAMODB_ENDPOINT: 'localhost:8000' })).rejects.toThrow(
      /DYNAMODB_ENDPOINT must be an http\(s\) URL/,
    );
  });
});
