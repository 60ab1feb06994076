import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from '../../../bench/dynamodb-counting-proxy.js';
import { itemSize } from '../../../bench/dynamodb-item-size.js';
import { startDynamoDb, type DynamoDbStandIn } from '../../../infra/local/stand-ins/dynamodb.js';

const TABLE = 'sized';
/** 2,000 bytes of payload: with its names and keys, the item is just under 2 KB, so 2 WRU and 1 RRU. */
const PAYLOAD = 'x'.repeat(2_000);

describe('the counting DynamoDB proxy', () => {
  let dynamodb: DynamoDbStandIn;
  let proxy: CountingProxy;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamodb = await startDynamoDb();
    proxy = await startCountingProxy({ upstream: dynamodb.endpoint });
    client = new DynamoDBClient({
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const key = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [key('pk'), key('all'), key('keys')],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byAll',
            KeySchema: [{ AttributeName: 'all', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            IndexName: 'byKeys',
            KeySchema: [{ AttributeName: 'keys', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
  });
  beforeEach(() => proxy.reset());
  afterAll(async () => {
    client?.destroy();
    await proxy?.stop();
    await dynamodb?.stop();
  });

  it('sizes items by the DynamoDB rules: names, strings, numbers, lists and maps', () => {
    expect(itemSize({ pk: { S: 'abc' } })).toBe(5);
    // 12345 has five significant digits: three bytes, plus one.
    expect(itemSize({ n: { N: '123.45' } })).toBe(1 + 4);
    expect(itemSize({ n: { N: '-0.00100' } })).toBe(1 + 2);
    expect(itemSize({ m: { M: { a: { S: 'x' } } } })).toBe(1 + 3 + (1 + 1 + 1));
    expect(itemSize({ l: { L: [{ N: '1' }, { BOOL: true }] } })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(itemSize({ b: { B: Buffer.from('abcd').toString('base64') }, z: { NULL: true } })).toBe(
      1 + 4 + 1 + 1,
    );
  });

  it('charges a put on the table and on every index the item is in, by each one’s projection', async () => {
    const item = { pk: { S: 'a' }, all: { S: 'g' }, keys: { S: 'k' }, payload: { S: PAYLOAD } };
    expect(itemSize(item)).toBeGreaterThan(1024);
    expect(itemSize(item)).toBeLessThan(2048);
    await client.send(new PutItemCommand({ TableName: TABLE, Item: item }));

    expect(proxy.calls).toMatchObject([
      // 2 KB on the table and in the ALL index; the KEYS_ONLY entry (pk and keys) is 1 WRU.
      {
        operation: 'PutItem',
        table: TABLE,
        status: 200,
        wru: { table: 2, indexes: { byAll: 2, byKeys: 1 } },
      },
    ]);
    expect(proxy.calls[0]!.itemBytes).toBe(itemSize(item));
  });

  it('charges an update that moves an item to another index key twice on that index, and not on one it leaves alone', async () => {
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: 'b' }, all: { S: 'g1' }, keys: { S: 'k' }, payload: { S: PAYLOAD } },
      }),
    );
    proxy.reset();
    await client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: 'b' } },
        UpdateExpression: 'SET #all = :g2',
        ExpressionAttributeNames: { '#all': 'all' },
        ExpressionAttributeValues: { ':g2': { S: 'g2' } },
      }),
    );
    // The byKeys entry (pk, keys) did not change: no write there.
    expect(proxy.calls).toMatchObject([
      { operation: 'UpdateItem', wru: { table: 2, indexes: { byAll: 4 } } },
    ]);
    expect(proxy.calls[0]!.wru.indexes).not.toHaveProperty('byKeys');
  });

  it('charges a refused conditional write on the table only, by the size of the item there', async () => {
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: 'c' }, all: { S: 'g' }, payload: { S: PAYLOAD } },
      }),
    );
    proxy.reset();
    await expect(
      client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: 'c' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(proxy.calls).toMatchObject([
      { operation: 'PutItem', status: 400, wru: { table: 2, indexes: {} } },
    ]);
  });

  it('charges reads per started 4 KB, half when eventually consistent, and a query by all it read', async () => {
    for (const pk of ['q1', 'q2', 'q3']) {
      await client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: pk }, all: { S: 'same' }, payload: { S: PAYLOAD } },
        }),
      );
    }
    proxy.reset();
    await client.send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'q1' } }, ConsistentRead: true }),
    );
    await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'q1' } } }));
    await client.send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'missing' } }, ConsistentRead: true }),
    );
    await client.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'byAll',
        KeyConditionExpression: '#all = :v',
        ExpressionAttributeNames: { '#all': 'all' },
        ExpressionAttributeValues: { ':v': { S: 'same' } },
        // What is returned is narrowed; what is read, and billed, is not.
        ProjectionExpression: 'pk',
      }),
    );
    expect(proxy.calls.map((c) => [c.operation, c.rru])).toEqual([
      ['GetItem', 1],
      ['GetItem', 0.5],
      ['GetItem', 1],
      // Three items of about 2 KB: 6 KB read, two 4 KB units, halved on an index.
      ['Query', 1],
    ]);
  });

  it('sizes a batch write as its puts and deletes, each by its item, but for what DynamoDB left unprocessed', async () => {
    await client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: 'gone' }, all: { S: 'g' }, payload: { S: PAYLOAD } },
      }),
    );
    proxy.reset();
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [TABLE]: [
            { PutRequest: { Item: { pk: { S: 'batch-1' }, all: { S: 'g' }, payload: { S: PAYLOAD } } } },
            { PutRequest: { Item: { pk: { S: 'batch-2' }, keys: { S: 'k' }, payload: { S: PAYLOAD } } } },
            { DeleteRequest: { Key: { pk: { S: 'gone' } } } },
          ],
        },
      }),
    );
    // Each ~2 KB item: 2 WRU on the table; byAll takes both ~2 KB entries (put, delete), byKeys one key entry.
    expect(proxy.calls).toMatchObject([
      { operation: 'BatchWriteItem', status: 200, wru: { table: 6, indexes: { byAll: 4, byKeys: 1 } } },
    ]);
    expect(proxy.calls[0]).not.toHaveProperty('unsized');
  });

  it('names the caller the probe put in the headers, and passes answers through unchanged', async () => {
    const labelled = new DynamoDBClient({
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    labelled.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers['x-cost-caller'] = 'api/get-return';
        request.headers['x-cost-stack'] = 'functions/use-cases/get-return.ts < functions/api/get-return.ts';
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    try {
      await client.send(
        new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'd' }, payload: { S: 'v' } } }),
      );
      proxy.reset();
      const { Item } = await labelled.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'd' } } }));
      expect(Item).toEqual({ pk: { S: 'd' }, payload: { S: 'v' } });
      expect(proxy.calls).toMatchObject([
        {
          caller: 'api/get-return',
          stack: ['functions/use-cases/get-return.ts', 'functions/api/get-return.ts'],
        },
      ]);
    } finally {
      labelled.destroy();
    }
  });
});
