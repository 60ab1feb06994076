import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTableInput, GSI } from '../../functions/adapters/dynamodb/table-design.js';

const WAIT_MS = 30_000;
const POLL_MS = 50;

/**
 * Creates the application table on a local DynamoDB endpoint if it is missing, and waits until it and
 * its indexes are ACTIVE. Safe to call on every start: a table kept on disk from an earlier run is left as
 * it is, after checking it has every index the code queries.
 */
export const ensureTable = async (endpoint: string, tableName: string): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    // The local stand-in needs a signature, not real credentials.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    if (!(await describe(client, tableName))) {
      try {
        await client.send(new CreateTableCommand(createTableInput(tableName)));
      } catch (error) {
        // Another process created it between our describe and create: fine, wait for it below.
        if (!(error instanceof ResourceInUseException)) throw error;
      }
    }
    const table = await waitUntilActive(client, tableName);
    const present = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = Object.values(GSI)
      .map((g) => g.indexName)
      .filter((name) => !present.has(name));
    if (missing.length > 0) {
      throw new Error(
        `table ${tableName} at ${endpoint} lacks the indexes ${missing.join(', ')}; ` +
          'it was created by an older version: delete the local data directory and start again',
      );
    }
  } finally {
    client.destroy();
  }
};

const describe = async (client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> => {
  try {
    const { Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

const isActive = (table: TableDescription): boolean =>
  table.TableStatus === 'ACTIVE' &&
  (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');

const waitUntilActive = async (client: DynamoDBClient, tableName: string): Promise<TableDescription> => {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const table = await describe(client, tableName);
    if (table && isActive(table)) return table;
    if (Date.now() > deadline) {
      throw new Error(`table ${tableName} is not ACTIVE after ${WAIT_MS / 1000} s`);
    }
    await sleep(POLL_MS);
  }
};
