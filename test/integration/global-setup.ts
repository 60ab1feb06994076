import type { TestProject } from 'vitest/node';
import { ensureTable } from '../../infra/local/ensure-table.js';
import { startDynamoDb } from '../../infra/local/stand-ins/dynamodb.js';
import { startKms } from '../../infra/local/stand-ins/kms.js';
import { startSes } from '../../infra/local/stand-ins/ses.js';
import { startSqs } from '../../infra/local/stand-ins/sqs.js';
import { localStateMachineArn } from '../../infra/local/step-functions/execution-requests.js';
import { RecordingStepFunctions } from '../../infra/local/step-functions/recording-backend.js';
import { startStepFunctionsApi } from '../../infra/local/step-functions/sfn-api-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared in-memory dynalite, e.g. `http://127.0.0.1:41234`. */
    dynamodbEndpoint: string;
    /** The shared local SES; its mailbox is at `${sesEndpoint}/store`. */
    sesEndpoint: string;
    /** The application table, created from the single-table design. */
    tableName: string;
    /**
     * The local Step Functions API in record-only mode: it runs nothing, records StartExecution (see
     * DescribeExecution/ListExecutions) and SendTask* calls (all at `GET ${sfnEndpoint}/local/recorded`).
     */
    sfnEndpoint: string;
    /** The state machine the recorder accepts, for STATE_MACHINE_ARN. */
    stateMachineArn: string;
    /** The shared local SQS (fauxqs, in memory), for AWS_ENDPOINT_URL_SQS. */
    sqsEndpoint: string;
    /** The local KMS stand-in (a key in memory), for AWS_ENDPOINT_URL_KMS, and its key. */
    kmsEndpoint: string;
    kmsKeyId: string;
  }
}

/**
 * Once per `vitest run` of the integration project: one dynalite, one local SES, one recording Step
 * Functions API and one local SQS on free ports, and the table. No pipeline runs in this process: handler tests only check
 * that a run was started (or a task resumed), the step-functions tests run the pipeline themselves. Every test file shares them, so tests keep apart by using their own seller ids
 * (see support/table.ts), never by emptying the table.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDb();
  const ses = await startSes().catch(async (error: unknown) => {
    await dynamodb.stop();
    throw error;
  });
  const stateMachineArn = localStateMachineArn('us-east-1');
  const sfn = await startStepFunctionsApi({ backend: await RecordingStepFunctions.create(stateMachineArn) });
  const sqs = await startSqs().catch(async (error: unknown) => {
    await Promise.all([dynamodb.stop(), ses.stop(), sfn.stop()]);
    throw error;
  });
  const kms = await startKms();
  const tableName = 'returns-integration';
  try {
    await ensureTable(dynamodb.endpoint, tableName);
  } catch (error) {
    await Promise.all([dynamodb.stop(), ses.stop(), sfn.stop(), sqs.stop(), kms.stop()]);
    throw error;
  }
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('tableName', tableName);
  project.provide('sfnEndpoint', sfn.endpoint);
  project.provide('stateMachineArn', stateMachineArn);
  project.provide('sqsEndpoint', sqs.endpoint);
  project.provide('kmsEndpoint', kms.endpoint);
  project.provide('kmsKeyId', kms.keyId);
  return async () => {
    await Promise.all([dynamodb.stop(), ses.stop(), sfn.stop(), sqs.stop(), kms.stop()]);
  };
}
