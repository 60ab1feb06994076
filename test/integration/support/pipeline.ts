import { writeFile } from 'node:fs/promises';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { documentClient, tableNameFromEnv } from '../../../functions/adapters/dynamodb/document-client.js';
import { DynamoReturnRepository } from '../../../functions/adapters/dynamodb/return-repository.js';
import { lambdaContext } from '../../../infra/local/proxy-event.js';
import { makeReturn, type ReturnFactoryOptions } from '../../support/return-factory.js';
import type { Return } from '../../../domain/return.js';

export const returns = () =>
  new DynamoReturnRepository({ client: documentClient, tableName: tableNameFromEnv() });

/** A return written straight to the table, as the API would have left it, for a seller made by newSeller. */
export const storedReturn = async (options: ReturnFactoryOptions): Promise<Return> => {
  const ret = makeReturn(options);
  await returns().create(ret);
  return ret;
};

/**
 * The return as stored now, without its outbox: the dispatcher (run by any test file's mailTo) drains it
 * whenever it likes, which changes nothing about the return itself.
 */
export const reread = async (ret: Return): Promise<Return> => {
  const { outbox: _outbox, ...stored } = (await returns().get(ret.sellerId, ret.id))!;
  return stored;
};

/** Calls a pipeline task's handler module as the state machine would. */
export const runTask = async (module: string, input: Record<string, unknown>): Promise<unknown> => {
  const { handler } = (await import(`../../../${module}`)) as {
    handler: (event: unknown, context: unknown) => Promise<unknown>;
  };
  return handler(input, lambdaContext(module));
};

/** The fake carrier's control file, as the local runtime points FAKE_CARRIER_CONTROL_FILE at it. */
export const setCarrierOutage = (outage: boolean): Promise<void> =>
  writeFile(process.env.FAKE_CARRIER_CONTROL_FILE!, JSON.stringify({ outage }));

/** Whether the SFN stand-in recorded a run under this name (the integration setup runs nothing). */
export const recordedRun = async (name: string): Promise<Record<string, unknown> | undefined> => {
  const arn = `${process.env.STATE_MACHINE_ARN!.replace(':stateMachine:', ':execution:')}:${name}`;
  try {
    const run = await new SFNClient({}).send(new DescribeExecutionCommand({ executionArn: arn }));
    return JSON.parse(run.input ?? '{}') as Record<string, unknown>;
  } catch {
    return undefined;
  }
};
