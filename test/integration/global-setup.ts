import type { TestProject } from 'vitest/node';
import { ensureTable } from '../../infra/local/ensure-table.js';
import { startDynamoDb } from '../../infra/local/stand-ins/dynamodb.js';
import { startSes } from '../../infra/local/stand-ins/ses.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared in-memory dynalite, e.g. `http://127.0.0.1:41234`. */
    dynamodbEndpoint: string;
    /** The shared local SES; its mailbox is at `${sesEndpoint}/store`. */
    sesEndpoint: string;
    /** The application table, created from the single-table design. */
    tableName: string;
  }
}

/**
 * Once per `vitest run` of the integration project: one dynalite and one local SES on free ports, and the
 * table. Every test file shares them, so tests keep apart by using their own seller ids
 * (see support/table.ts), never by emptying the table.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDb();
  const ses = await startSes().catch(async (error: unknown) => {
    await dynamodb.stop();
    throw error;
  });
  const tableName = 'returns-integration';
  try {
    await ensureTable(dynamodb.endpoint, tableName);
  } catch (error) {
    await Promise.all([dynamodb.stop(), ses.stop()]);
    throw error;
  }
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('tableName', tableName);
  return async () => {
    await Promise.all([dynamodb.stop(), ses.stop()]);
  };
}
