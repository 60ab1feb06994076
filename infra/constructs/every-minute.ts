import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { ReturnsFunction } from './returns-function.js';

/**
 * A rule that invokes `fn` every minute, without retries: the functions it runs (the deadline sweeper,
 * the outbox sweeper, webhook deliveries) work from stored state only, so a missed minute is made up by
 * the next one.
 */
export const everyMinute = (scope: Construct, id: string, fn: ReturnsFunction, description: string): Rule => {
  const rule = new Rule(scope, id, {
    description,
    schedule: Schedule.rate(Duration.minutes(1)),
    targets: [new LambdaFunction(fn.function, { retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
  });
  NagSuppressions.addResourceSuppressions(rule, [
    {
      id: 'Serverless-EventBusDLQ',
      reason:
        'the schedule event carries nothing but the time: a delivery that failed has nothing to keep, and the next minute works from the stored state and catches up',
    },
  ]);
  return rule;
};
