import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureTable } from '../../infra/local/ensure-table.js';
import { startDynamoDb, type DynamoDbStandIn } from '../../infra/local/stand-ins/dynamodb.js';
import { freePort } from '../../infra/local/stand-ins/free-port.js';
import { startSes } from '../../infra/local/stand-ins/ses.js';

// These tests start stand-ins of their own, apart from the shared ones global-setup.ts started.

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  // Last in, first out: servers stop before their data directory is removed.
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'returns-dynalite-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

const started = async (promise: Promise<DynamoDbStandIn>): Promise<DynamoDbStandIn> => {
  const standIn = await promise;
  cleanups.push(() => standIn.stop());
  return standIn;
};

const documentClientFor = (endpoint: string) => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  cleanups.push(async () => client.destroy());
  return client;
};

const occupy = async (port: number): Promise<Server> => {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return server;
};

describe('local DynamoDB stand-in', () => {
  it('keeps data on disk across a stop and a start on the same path', async () => {
    const path = await tempDir();
    const tableName = 'returns-local';
    const item = { pk: 'SELLER#s1', sk: 'PROFILE', name: 'Acme' };

    const first = await startDynamoDb({ path });
    await ensureTable(first.endpoint, tableName);
    const firstClient = documentClientFor(first.endpoint);
    await firstClient.send(new PutCommand({ TableName: tableName, Item: item }));
    firstClient.destroy();
    await first.stop();

    const second = await started(startDynamoDb({ path }));
    await ensureTable(second.endpoint, tableName);
    const { Item: read } = await documentClientFor(second.endpoint).send(
      new GetCommand({ TableName: tableName, Key: { pk: item.pk, sk: item.sk } }),
    );

    expect(read).toEqual(item);
  });

  it('keeps nothing without a path', async () => {
    const tableName = 'returns-memory';
    const first = await startDynamoDb();
    await ensureTable(first.endpoint, tableName);
    await first.stop();

    const second = await started(startDynamoDb());
    const client = documentClientFor(second.endpoint);

    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
  });

  it('refuses, with a catchable error, a path another running copy holds', async () => {
    const path = await tempDir();
    await started(startDynamoDb({ path }));

    await expect(startDynamoDb({ path })).rejects.toThrow(/cannot be opened/);
  });

  it('listens on the port asked for', async () => {
    const port = await freePort();

    const standIn = await started(startDynamoDb({ port }));

    expect(standIn).toMatchObject({ port, endpoint: `http://127.0.0.1:${port}` });
  });

  it('creates the table once and leaves it in place on later calls', async () => {
    const standIn = await started(startDynamoDb());

    await ensureTable(standIn.endpoint, 'returns-twice');
    await ensureTable(standIn.endpoint, 'returns-twice');

    const client = documentClientFor(standIn.endpoint);
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(['returns-twice']);
  });
});

describe('local SES stand-in', () => {
  it('serves its mailbox at /store', async () => {
    const ses = await startSes();
    cleanups.push(() => ses.stop());

    const response = await fetch(`${ses.endpoint}/store`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ emails: expect.any(Array) });
  });

  it('throws when its port is taken instead of resolving without listening', async () => {
    const port = await freePort();
    await occupy(port);

    await expect(startSes({ port })).rejects.toThrow(/could not listen/);
  });
});

describe('freePort', () => {
  it('gives a port that can be bound', async () => {
    const port = await freePort();

    expect(port).toBeGreaterThan(0);
    await occupy(port);
  });
});
