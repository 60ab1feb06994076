import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traceSdkClient } from '../../shared/xray.js';

/**
 * One document client per Lambda container, created at module scope and reused by every invocation.
 *
 * No endpoint is set here: the SDK reads `AWS_ENDPOINT_URL_DYNAMODB` (service-specific endpoint
 * configuration, honoured by this SDK version) on the first request, so local runs and tests point it at
 * dynalite through the environment alone. Region and credentials likewise come from the environment.
 * Traced: an X-Ray subsegment per call in Lambda (functions/shared/xray.ts), nothing elsewhere.
 */
export const documentClient: DynamoDBDocumentClient = DynamoDBDocumentClient.from(
  traceSdkClient(new DynamoDBClient({})),
  { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
);

/** The table every adapter uses, from `TABLE_NAME`; fails fast when the function was deployed without it. */
export const tableNameFromEnv = (): string => {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
};
