import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  type Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';

export interface ObservabilityProps {
  alarmEmail: string;
  api: RestApi;
  /** Every function to watch, by a short label (the route name). */
  functions: ReadonlyMap<string, IFunction>;
  table: ITable;
}

const FIVE_MINUTES = Duration.minutes(5);
/** Share of requests answered 5xx that pages someone. */
const API_5XX_RATE_THRESHOLD = 0.05;
/** p99 latency, in ms, above which the API is too slow (handlers time out at 10 s). */
const API_P99_LATENCY_MS = 3000;

/**
 * Alarms to one encrypted, TLS-only SNS topic with the region's alarm e-mail subscribed, and a
 * dashboard that follows a request from the API through the functions to the table.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: IAlarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);

    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the returns alarm topic',
      enableKeyRotation: true,
      // It encrypts transient alarm notifications only, no data at rest worth keeping.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // CloudWatch alarms publish to an encrypted topic only if the key lets the service use it.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    // A topic policy replaces the default one, so allow CloudWatch alarms of this account explicitly.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    const subscription = new EmailSubscription(props.alarmEmail);
    this.topic.addSubscription(subscription);
    NagSuppressions.addResourceSuppressions(
      this.topic,
      [
        {
          id: 'Serverless-SNSRedrivePolicy',
          reason:
            'The only subscription is the alarm e-mail: a bounced alarm e-mail cannot usefully be replayed from a DLQ, and the alarm state stays in CloudWatch',
        },
      ],
      true,
    );

    const stage = props.api.deploymentStage;
    const serverErrorRate = stage.metricServerError({ statistic: 'Average', period: FIVE_MINUTES });
    const p99Latency = stage.metricLatency({ statistic: 'p99', period: FIVE_MINUTES });
    this.alarm('Api5xxRate', {
      metric: serverErrorRate,
      threshold: API_5XX_RATE_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      description: `More than ${API_5XX_RATE_THRESHOLD * 100}% of API requests answered 5xx`,
    });
    this.alarm('ApiP99Latency', {
      metric: p99Latency,
      threshold: API_P99_LATENCY_MS,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      description: `API p99 latency above ${API_P99_LATENCY_MS} ms for 15 minutes`,
    });
    for (const [label, fn] of props.functions) {
      this.alarm(`${label}Errors`, {
        metric: fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }),
        threshold: 1,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        description: `${label} threw an unhandled error (handlers map expected errors to 4xx, so this is a bug)`,
      });
    }

    this.dashboard(props, serverErrorRate, p99Latency);
  }

  private alarm(
    id: string,
    p: {
      metric: IMetric;
      threshold: number;
      evaluationPeriods: number;
      datapointsToAlarm: number;
      description: string;
    },
  ): void {
    const alarm = new Alarm(this, id, {
      metric: p.metric,
      threshold: p.threshold,
      evaluationPeriods: p.evaluationPeriods,
      datapointsToAlarm: p.datapointsToAlarm,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is not an outage.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: p.description,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }

  private dashboard(props: ObservabilityProps, serverErrorRate: Metric, p99Latency: Metric): void {
    const stage = props.api.deploymentStage;
    const fns = [...props.functions];
    const perFunction = (metric: (fn: IFunction) => Metric) =>
      fns.map(([label, fn]) => metric(fn).with({ label, period: FIVE_MINUTES }));
    const width = 12;
    new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
        [
          new GraphWidget({
            title: 'API requests and errors',
            width,
            left: [
              stage.metricCount({ label: 'requests', statistic: 'Sum', period: FIVE_MINUTES }),
              stage.metricClientError({ label: '4xx', statistic: 'Sum', period: FIVE_MINUTES }),
              stage.metricServerError({ label: '5xx', statistic: 'Sum', period: FIVE_MINUTES }),
            ],
            right: [serverErrorRate.with({ label: '5xx rate' })],
          }),
          new GraphWidget({
            title: 'API latency (ms)',
            width,
            left: [
              stage.metricLatency({ label: 'p50', statistic: 'p50', period: FIVE_MINUTES }),
              p99Latency.with({ label: 'p99' }),
              stage.metricIntegrationLatency({
                label: 'integration p99',
                statistic: 'p99',
                period: FIVE_MINUTES,
              }),
            ],
          }),
        ],
        [
          new GraphWidget({
            title: 'Invocations by route (the return flow)',
            width,
            stacked: true,
            left: perFunction((fn) => fn.metricInvocations({ statistic: 'Sum' })),
          }),
          new GraphWidget({
            title: 'Function errors and throttles',
            width,
            left: perFunction((fn) => fn.metricErrors({ statistic: 'Sum' })),
            right: perFunction((fn) => fn.metricThrottles({ statistic: 'Sum' })),
          }),
        ],
        [
          new GraphWidget({
            title: 'Function duration p99 (ms)',
            width,
            left: perFunction((fn) => fn.metricDuration({ statistic: 'p99' })),
          }),
          new GraphWidget({
            title: 'DynamoDB capacity and throttles',
            width,
            left: [
              props.table.metricConsumedReadCapacityUnits({ label: 'RCU', period: FIVE_MINUTES }),
              props.table.metricConsumedWriteCapacityUnits({ label: 'WCU', period: FIVE_MINUTES }),
            ],
            right: [
              props.table.metricThrottledRequestsForOperations({
                operations: [Operation.GET_ITEM, Operation.QUERY, Operation.PUT_ITEM, Operation.UPDATE_ITEM],
                label: 'throttled requests',
                period: FIVE_MINUTES,
              }),
            ],
          }),
        ],
      ],
    });
  }
}
