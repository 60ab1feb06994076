/**
 * List prices, us-east-1, on-demand, without free tiers, as published by AWS (checked 2026-12). Every
 * price the cost model uses is here, once, with the unit it is per.
 */
export const PRICES = {
  /** API Gateway REST API, first 333 million requests a month. */
  apiGatewayRestPerMillionRequests: 3.5,
  /** Lambda on arm64 (Graviton), first 7.5 billion GB-seconds a month. */
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  /** Step Functions Standard workflows: every state entered is a transition (retries too). */
  stepFunctionsStandardPer1000Transitions: 0.025,
  /** DynamoDB on-demand (since the November 2024 price cut). */
  dynamoDbPerMillionWru: 0.625,
  dynamoDbPerMillionRru: 0.125,
  /** SQS standard queues. */
  sqsPerMillionRequests: 0.4,
  /** SES outbound mail. */
  sesPer1000Mails: 0.1,
  /** CloudWatch Logs, Standard class, ingestion. */
  cloudWatchLogsPerGbIngested: 0.5,
} as const;

/** What one return used, as the cost model counted it. */
export interface Usage {
  apiRequests: number;
  /** Billed duration (whole ms) and memory of every Lambda invocation. */
  invocations: { ms: number; memoryMb: number }[];
  stateTransitions: number;
  wru: number;
  rru: number;
  sqsRequests: number;
  mails: number;
  logBytes: number;
}

export type CostLine =
  | 'API Gateway'
  | 'Lambda requests'
  | 'Lambda GB-s'
  | 'Step Functions'
  | 'DynamoDB writes'
  | 'DynamoDB reads'
  | 'SQS'
  | 'CloudWatch Logs'
  | 'SES (e-mail)';

const MILLION = 1_000_000;
const GB = 1024 ** 3;

/** Dollars per million returns, by line. */
export const dollarsPerMillionReturns = (usage: Usage): Record<CostLine, number> => {
  const gbSeconds = usage.invocations.reduce(
    (sum, i) => sum + (i.memoryMb / 1024) * (Math.ceil(i.ms) / 1000),
    0,
  );
  return {
    'API Gateway': usage.apiRequests * PRICES.apiGatewayRestPerMillionRequests,
    'Lambda requests': usage.invocations.length * PRICES.lambdaPerMillionRequests,
    'Lambda GB-s': gbSeconds * PRICES.lambdaArmPerGbSecond * MILLION,
    'Step Functions':
      (usage.stateTransitions / 1000) * PRICES.stepFunctionsStandardPer1000Transitions * MILLION,
    'DynamoDB writes': usage.wru * PRICES.dynamoDbPerMillionWru,
    'DynamoDB reads': usage.rru * PRICES.dynamoDbPerMillionRru,
    SQS: usage.sqsRequests * PRICES.sqsPerMillionRequests,
    'CloudWatch Logs': (usage.logBytes / GB) * PRICES.cloudWatchLogsPerGbIngested * MILLION,
    'SES (e-mail)': (usage.mails / 1000) * PRICES.sesPer1000Mails * MILLION,
  };
};
