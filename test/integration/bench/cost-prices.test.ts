import { describe, expect, it } from 'vitest';
import { dollarsPerMillionReturns, PRICES, type Usage } from '../../../bench/cost-prices.js';

const none: Usage = {
  apiRequests: 0,
  invocations: [],
  stateTransitions: 0,
  wru: 0,
  rru: 0,
  sqsRequests: 0,
  mails: 0,
  logBytes: 0,
};

describe('dollars per million returns', () => {
  it('prices each unit a return used at its list price, a million times over', () => {
    const dollars = dollarsPerMillionReturns({
      ...none,
      apiRequests: 6,
      stateTransitions: 9,
      wru: 80,
      rru: 36,
      sqsRequests: 3,
      mails: 3,
      logBytes: 1024 ** 3 / 1_000_000,
    });
    expect(dollars['API Gateway']).toBeCloseTo(21);
    expect(dollars['Step Functions']).toBeCloseTo(225);
    expect(dollars['DynamoDB writes']).toBeCloseTo(50);
    expect(dollars['DynamoDB reads']).toBeCloseTo(4.5);
    expect(dollars.SQS).toBeCloseTo(1.2);
    expect(dollars['SES (e-mail)']).toBeCloseTo(300);
    expect(dollars['CloudWatch Logs']).toBeCloseTo(PRICES.cloudWatchLogsPerGbIngested);
  });

  it('bills Lambda per request and per GB-second of whole milliseconds at the configured memory', () => {
    const dollars = dollarsPerMillionReturns({
      ...none,
      // 1,000 ms at 1 GB and 99.2 ms (billed 100) at 512 MB: 1.05 GB-s.
      invocations: [
        { ms: 1000, memoryMb: 1024 },
        { ms: 99.2, memoryMb: 512 },
      ],
    });
    expect(dollars['Lambda requests']).toBeCloseTo(0.4);
    expect(dollars['Lambda GB-s']).toBeCloseTo(1.05 * PRICES.lambdaArmPerGbSecond * 1_000_000);
  });
});
