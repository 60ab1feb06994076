import { DEPLOYMENT_PROVIDER_ID_PREFIX } from '../../infra/constructs/console-site.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURED_REGIONS } from '../../infra/config/index.js';
import { BUSINESS_METRICS } from '../../functions/shared/metric-names.js';
import { functionsByName, logicalId, synthRegions, type SynthesizedRegion } from './synth-region.js';

type Resource = { Type: string; Properties: Record<string, unknown> };

/** A dashboard body as text, with CloudFormation references left as `<ref>`. */
const dashboardText = (body: unknown): string => {
  const join = (body as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return String(body);
  return join[1].map((part) => (typeof part === 'string' ? part : '<ref>')).join(join[0]);
};

// One synth of every region, without bundling: these tests read the templates only.
let built: Map<string, SynthesizedRegion>;
beforeAll(() => {
  built = synthRegions(CONFIGURED_REGIONS, { bundle: false });
}, 300_000);

describe.each(CONFIGURED_REGIONS)('%s alarms and dashboard', (region) => {
  let s: SynthesizedRegion;
  let topicRef: { Ref: string };
  let alarms: Record<string, Resource>;
  beforeAll(() => {
    s = built.get(region)!;
    topicRef = { Ref: logicalId(s.stacks.api.observability.topic, s.stacks.api) };
    alarms = s.api.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>;
  });

  it('sends every alarm, and its return to OK, to the alarm topic', () => {
    expect(Object.keys(alarms).length).toBeGreaterThan(0);
    for (const [id, alarm] of Object.entries(alarms)) {
      expect(alarm.Properties.AlarmActions, id).toEqual([topicRef]);
      expect(alarm.Properties.OKActions, id).toEqual([topicRef]);
    }
  });

  it("subscribes the region's alarm e-mail to the topic, and nothing else", () => {
    const subscriptions = Object.values(s.api.findResources('AWS::SNS::Subscription'));
    expect(subscriptions.map((r) => r.Properties)).toEqual([
      { Protocol: 'email', Endpoint: s.config.alarmEmail, TopicArn: topicRef },
    ]);
    s.api.resourceCountIs('AWS::SNS::Topic', 1);
  });

  it('alarms on any return sent to NEEDS_ATTENTION, reading the metric the functions emit', () => {
    // Every function (routes, authorizer, pipeline tasks) emits to one namespace and service.
    // Not CDK's BucketDeployment provider (Python, copying the console's files), which emits nothing.
    const ours = Object.entries(s.api.findResources('AWS::Lambda::Function'))
      .filter(([id]) => !id.startsWith(DEPLOYMENT_PROVIDER_ID_PREFIX.replace('::', '')))
      .map(([, fn]) => fn);
    const emitters = new Set(
      ours.map((fn) => {
        const vars = (fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment
          .Variables;
        return JSON.stringify([vars.POWERTOOLS_METRICS_NAMESPACE, vars.POWERTOOLS_SERVICE_NAME]);
      }),
    );
    expect([...emitters]).toEqual([JSON.stringify(['Returns/prod', 'returns'])]);
    const needsAttention = Object.values(alarms).filter(
      (a) => a.Properties.MetricName === BUSINESS_METRICS.returnNeedsAttention,
    );
    expect(needsAttention.map((a) => a.Properties)).toEqual([
      expect.objectContaining({
        Namespace: 'Returns/prod',
        Dimensions: [{ Name: 'service', Value: 'returns' }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmDescription: expect.stringMatching(/^Returns in NEEDS_ATTENTION/),
      }),
    ]);
  });

  it('alarms on the API 5xx rate (an average, not a count) and on p99 latency', () => {
    const api = Object.values(alarms).filter((a) => a.Properties.Namespace === 'AWS/ApiGateway');
    expect(api.map((a) => a.Properties)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ MetricName: '5XXError', Statistic: 'Average', Threshold: 0.05 }),
        expect.objectContaining({ MetricName: 'Latency', ExtendedStatistic: 'p99' }),
      ]),
    );
    expect(api).toHaveLength(2);
  });

  it('alarms on errors of every route function, but not of the authorizer, whose refusals are errors', () => {
    const watched = Object.values(alarms)
      .filter((a) => a.Properties.MetricName === 'Errors' && a.Properties.Namespace === 'AWS/Lambda')
      .map((a) => JSON.stringify(a.Properties.Dimensions));
    for (const [name, fn] of functionsByName(s.stacks)) {
      const dimensions = JSON.stringify([
        { Name: 'FunctionName', Value: { Ref: logicalId(fn.function, s.stacks.api) } },
      ]);
      expect(watched.includes(dimensions), name).toBe(name !== 'Authorizer');
    }
  });

  it('alarms on refunds the payment provider declined, reading the metric the functions emit', () => {
    const refunds = Object.values(alarms).filter(
      (a) => a.Properties.MetricName === BUSINESS_METRICS.refundFailed,
    );
    expect(BUSINESS_METRICS.refundFailed).toBe('RefundFailed');
    expect(refunds.map((a) => a.Properties)).toEqual([
      expect.objectContaining({
        Namespace: 'Returns/prod',
        Dimensions: [{ Name: 'service', Value: 'returns' }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmDescription: expect.stringMatching(/declined a refund/),
      }),
    ]);
  });

  it("alarms as soon as a message is in the inspection queue's dead-letter queue", () => {
    const dlq = logicalId(s.stacks.api.inspectionQueue.deadLetterQueue, s.stacks.api);
    const deadLetters = Object.values(alarms).filter(
      (a) =>
        a.Properties.Namespace === 'AWS/SQS' &&
        JSON.stringify(a.Properties.Dimensions) ===
          JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }]),
    );
    expect(deadLetters.map((a) => a.Properties)).toEqual([
      expect.objectContaining({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Statistic: 'Maximum',
        Period: 300,
        Threshold: 0,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmDescription: expect.stringMatching(/^Poison inspection results wait for a person/),
      }),
    ]);
    // Only the dead-letter queue alarms; the inspection queue itself is graphed.
    expect(Object.values(alarms).filter((a) => a.Properties.Namespace === 'AWS/SQS')).toHaveLength(1);
  });

  it('alarms on errors of the inspection consumer', () => {
    const consumer = logicalId(s.stacks.api.inspectionQueue.consumer.function, s.stacks.api);
    const errors = Object.values(alarms).filter(
      (a) =>
        a.Properties.MetricName === 'Errors' &&
        JSON.stringify(a.Properties.Dimensions) ===
          JSON.stringify([{ Name: 'FunctionName', Value: { Ref: consumer } }]),
    );
    expect(errors.map((a) => a.Properties)).toEqual([
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmDescription: expect.stringMatching(/inspection consumer/),
      }),
    ]);
  });

  it('has one dashboard covering the API, the functions, the business metrics and the inspection queue', () => {
    const dashboards = Object.values(s.api.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const outputs = Object.values(s.api.findOutputs('*'));
    const [dashboardId] = Object.keys(s.api.findResources('AWS::CloudWatch::Dashboard'));
    expect(outputs.map((o) => o.Value)).toContainEqual({ Ref: dashboardId });
    const body = dashboardText(dashboards[0]!.Properties.DashboardBody);
    for (const shown of [
      '"AWS/ApiGateway","Count"',
      '"AWS/ApiGateway","4XXError"',
      '"AWS/ApiGateway","5XXError"',
      '"AWS/ApiGateway","Latency"',
      '"AWS/Lambda","Errors"',
      '"AWS/Lambda","Duration"',
      `MetricName=\\"${BUSINESS_METRICS.returnCreated}\\"`,
      `"Returns/prod","${BUSINESS_METRICS.returnNeedsAttention}"`,
      `"Returns/prod","${BUSINESS_METRICS.refundFailed}"`,
      '"AWS/SQS","ApproximateNumberOfMessagesVisible"',
      '"AWS/SQS","ApproximateAgeOfOldestMessage"',
      'Inspection consumer',
    ]) {
      expect(body, shown).toContain(shown);
    }
  });
});
