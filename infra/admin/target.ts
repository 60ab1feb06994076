import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { CONFIGURED_REGIONS, loadRegionConfig, type RegionConfig } from '../config/index.js';
import { InvalidStageError, parseStageName } from '../stage-name.js';
import type { FlagOptions } from './admin-command.js';
import { UsageError } from './usage-error.js';

/**
 * Which table the admin CLI works on. By default the local runtime's (`npm start`): its DynamoDB
 * endpoint from `<LOCAL_DATA_DIR or .local>/endpoints.json`, table `returns-local`, dummy credentials.
 * With `--region` (and `--stage`, default prod), a deployed stack's table through the AWS SDK's normal
 * credential chain; its name comes from `--table` or from the data stack's `TableName` output.
 */

/** The table infra/local/local-runtime.ts creates. */
export const LOCAL_TABLE_NAME = 'returns-local';

/** The flags every command takes to choose its target. */
export const TARGET_OPTIONS = {
  region: { type: 'string' },
  stage: { type: 'string' },
  table: { type: 'string' },
} as const satisfies FlagOptions;

export type TargetScope =
  | { kind: 'local'; dataDir: string }
  | { kind: 'region'; region: string; stage: string; config: RegionConfig; table?: string };

export interface AdminTarget {
  /** For output: where the command ran. */
  label: string;
  tableName: string;
  client: DynamoDBDocumentClient;
  close(): void;
}

/**
 * The id (and name) of a region's data stack, as infra/region-stacks.ts builds it:
 * `<stage>-returns-<region>-data`, e.g. `prod-returns-eu-west-1-data`.
 */
export const dataStackName = (stage: string, region: string): string => `${stage}-returns-${region}-data`;

/** The CloudFormation output of the data stack that holds the table's generated name. */
export const TABLE_NAME_OUTPUT = 'TableName';

const TABLE_NAME_PATTERN = /^[A-Za-z0-9_.-]{3,255}$/;

/** Checks the target flags without touching the network. */
export const targetScope = (
  flags: { region?: string; stage?: string; table?: string },
  env: NodeJS.ProcessEnv = process.env,
): TargetScope => {
  if (flags.region === undefined) {
    const stray = (['stage', 'table'] as const).filter((name) => flags[name] !== undefined);
    if (stray.length > 0) {
      throw new UsageError(
        stray.map(
          (name) =>
            `--${name}: only applies with --region (the local runtime's table is ${LOCAL_TABLE_NAME})`,
        ),
      );
    }
    return { kind: 'local', dataDir: resolve(env.LOCAL_DATA_DIR ?? '.local') };
  }
  const problems: string[] = [];
  if (!CONFIGURED_REGIONS.includes(flags.region)) {
    problems.push(`--region: must be one of the configured regions (${CONFIGURED_REGIONS.join(', ')})`);
  }
  let stage = '';
  try {
    stage = parseStageName(flags.stage);
  } catch (error) {
    if (!(error instanceof InvalidStageError)) throw error;
    problems.push(`--${error.message}`);
  }
  if (flags.table !== undefined && !TABLE_NAME_PATTERN.test(flags.table)) {
    problems.push('--table: must be a DynamoDB table name (3-255 letters, digits, "_", "." or "-")');
  }
  if (problems.length > 0) throw new UsageError(problems);
  return {
    kind: 'region',
    region: flags.region,
    stage,
    config: loadRegionConfig(flags.region),
    ...(flags.table === undefined ? {} : { table: flags.table }),
  };
};

/** Connects to the scope's table and checks that it is there. */
export const connectTarget = async (scope: TargetScope): Promise<AdminTarget> => {
  if (scope.kind === 'local') {
    const endpoint = await localEndpoint(scope.dataDir);
    const client = new DynamoDBClient({
      endpoint,
      region: process.env.AWS_REGION ?? 'us-east-1',
      // The local stand-in needs a signature, not real credentials.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const target = documentTarget(client, LOCAL_TABLE_NAME, `the local runtime (${endpoint})`);
    await checkTable(
      target,
      () => `is \`npm start\` running with data directory ${scope.dataDir}? Start it, or set LOCAL_DATA_DIR`,
    );
    return target;
  }
  const tableName = scope.table ?? (await tableNameFromStack(scope.region, scope.stage));
  const client = new DynamoDBClient({ region: scope.region });
  const target = documentTarget(client, tableName, `${scope.stage} in ${scope.region}`);
  await checkTable(target, () => `check --table, or ${describeStacksHint(scope.stage, scope.region)}`);
  return target;
};

const documentTarget = (client: DynamoDBClient, tableName: string, where: string): AdminTarget => ({
  label: `${where}, table ${tableName}`,
  tableName,
  client: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
  close: () => client.destroy(),
});

const EndpointsSchema = z.object({ dynamodb: z.url() });

const localEndpoint = async (dataDir: string): Promise<string> => {
  const file = join(dataDir, 'endpoints.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(
      `no local runtime found: ${file} does not exist. Start one with \`npm start\` ` +
        '(LOCAL_DATA_DIR chooses its data directory), or pass --region for a deployed one',
    );
  }
  let parsed: z.infer<typeof EndpointsSchema>;
  try {
    parsed = EndpointsSchema.parse(JSON.parse(text));
  } catch {
    throw new Error(`${file} has no "dynamodb" URL: restart \`npm start\` to rewrite it`);
  }
  return parsed.dynamodb;
};

const checkTable = async (target: AdminTarget, hint: () => string): Promise<void> => {
  try {
    await target.client.send(new DescribeTableCommand({ TableName: target.tableName }));
  } catch (error) {
    target.close();
    const reason =
      error instanceof ResourceNotFoundException
        ? `table ${target.tableName} does not exist`
        : `cannot reach ${target.label}: ${error instanceof Error ? error.message || error.name : String(error)}`;
    throw new Error(`${reason}; ${hint()}`);
  }
};

const describeStacksHint = (stage: string, region: string): string =>
  `find the table name with: aws cloudformation describe-stacks --region ${region} ` +
  `--stack-name ${dataStackName(stage, region)} --query "Stacks[0].Outputs"`;

const tableNameFromStack = async (region: string, stage: string): Promise<string> => {
  const stackName = dataStackName(stage, region);
  const client = new CloudFormationClient({ region });
  let outputs: { OutputKey?: string; OutputValue?: string }[] | undefined;
  try {
    const { Stacks: stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = stacks?.[0]?.Outputs;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read stack ${stackName} in ${region}: ${reason}; pass --table`);
  } finally {
    client.destroy();
  }
  const name = outputs?.find((o) => o.OutputKey === TABLE_NAME_OUTPUT)?.OutputValue;
  if (!name) {
    throw new Error(
      `stack ${stackName} has no ${TABLE_NAME_OUTPUT} output: deploy it again, or pass --table`,
    );
  }
  return name;
};
