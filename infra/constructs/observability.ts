import { Aws, CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import {
  BUSINESS_METRICS,
  MARKETPLACE_DIMENSION,
  SERVICE_DIMENSION,
} from '../../functions/shared/metric-names.js';
import type { FunctionObservability } from './returns-function.js';

export interface ObservabilityProps {
  alarmEmail: string;
  api: RestApi;
  /** Every function to watch, by a short label (the route name). */
  functions: ReadonlyMap<string, IFunction>;
  /**
   * Labels of functions that refuse by throwing, so Lambda counts every refusal as an error: a TOKEN
   * authorizer answers 401 only by throwing "Unauthorized". They are graphed, not alarmed per function;
   * when they really fail, API Gateway answers 5xx and the 5xx-rate alarm fires.
   */
  refuseByThrowing?: readonly string[];
  /** Where the functions' Powertools metrics go (the business metrics' namespace and service). */
  metrics: Pick<FunctionObservability, 'metricsNamespace' | 'serviceName'>;
  table: ITable;
  /** The return pipeline: its failed and timed-out runs alarm; its tasks are graphed, not alarmed per function. */
  pipeline?: { stateMachine: IStateMachine; functions: ReadonlyMap<string, IFunction> };
  /** The inspection queue: its dead-letter queue and its consumer's errors alarm; all three are graphed. */
  inspectionQueue?: { queue: IQueue; deadLetterQueue: IQueue; consumer: IFunction };
}

const FIVE_MINUTES = Duration.minutes(5);
/** Share of requests answered 5xx that pages someone. */
const API_5XX_RATE_THRESHOLD = 0.05;
/** p99 latency, in ms, above which the API is too slow (handlers time out at 10 s). */
const API_P99_LATENCY_MS = 3000;

/**
 * Alarms to one encrypted, TLS-only SNS topic with the region's alarm e-mail subscribed, and a
 * dashboard, one row each: alarm states; the business (returns created, returns needing attention,
 * refunds declined); the API (requests, 4xx, 5xx, latency); the functions (invocations, errors,
 * throttles, duration) and the table; the return pipeline (runs and tasks); and, last, the inspection
 * queue (depth, age, dead letters, consumer).
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
      if (props.refuseByThrowing?.includes(label)) continue;
      this.alarm(`${label}Errors`, {
        metric: fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }),
        threshold: 1,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        description: `${label} threw an unhandled error (handlers map expected errors to 4xx, so this is a bug)`,
      });
    }

    // Counted by the functions wherever a return goes to NEEDS_ATTENTION (functions/shared/observability.ts).
    this.alarm('ReturnsNeedAttention', {
      metric: this.businessMetric(props, BUSINESS_METRICS.returnNeedsAttention),
      threshold: 1,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      description:
        'Returns in NEEDS_ATTENTION: a step failed after its retries; the seller (or an operator) must retry the return',
    });

    // Counted by the refund step (and concessions) when the payment provider declines: money not paid.
    this.alarm('RefundsFailed', {
      metric: this.businessMetric(props, BUSINESS_METRICS.refundFailed),
      threshold: 1,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      description:
        'The payment provider declined a refund or concession: the buyer was not paid; the return needs a person',
    });

    if (props.inspectionQueue) {
      const { deadLetterQueue, consumer } = props.inspectionQueue;
      this.alarm('InspectionDeadLetters', {
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: FIVE_MINUTES,
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        description:
          "Poison inspection results wait for a person in the inspection queue's dead-letter queue: they failed every attempt and no run was resumed with them",
      });
      this.alarm('InspectionConsumerErrors', {
        metric: consumer.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }),
        threshold: 1,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        description:
          'The inspection consumer failed a whole batch (a bad record only fails itself, reported as a batch item failure): the batch will be received again',
      });
    }

    if (props.pipeline) {
      const { stateMachine } = props.pipeline;
      // A run fails only after a step failed its retries and the return went to NEEDS_ATTENTION.
      this.alarm('PipelineExecutionsFailed', {
        metric: stateMachine.metricFailed({ statistic: 'Sum', period: FIVE_MINUTES }),
        threshold: 1,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        description:
          'A return pipeline run failed: a return is in NEEDS_ATTENTION and waits for a human retry',
      });
      this.alarm('PipelineExecutionsTimedOut', {
        metric: stateMachine.metricTimedOut({ statistic: 'Sum', period: FIVE_MINUTES }),
        threshold: 1,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        description: 'A return pipeline run timed out as a whole (a task timeout is handled inside the run)',
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
      /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
      comparisonOperator?: ComparisonOperator;
    },
  ): void {
    const alarm = new Alarm(this, id, {
      metric: p.metric,
      threshold: p.threshold,
      evaluationPeriods: p.evaluationPeriods,
      datapointsToAlarm: p.datapointsToAlarm,
      comparisonOperator: p.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is not an outage.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: p.description,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }

  /** A count the functions emit with Powertools (EMF): its sum per 5 minutes. */
  private businessMetric(props: ObservabilityProps, metricName: string): Metric {
    return new Metric({
      namespace: props.metrics.metricsNamespace,
      metricName,
      dimensionsMap: { [SERVICE_DIMENSION]: props.metrics.serviceName },
      statistic: 'Sum',
      period: FIVE_MINUTES,
    });
  }

  /**
   * Returns opened, one line per marketplace (found by a search, so a new marketplace needs no change
   * here), and returns sent to NEEDS_ATTENTION with refunds the payment provider declined.
   */
  private businessWidgets(props: ObservabilityProps, width: number): GraphWidget[] {
    const { metricsNamespace: namespace } = props.metrics;
    const schema = `{${namespace},${SERVICE_DIMENSION},${MARKETPLACE_DIMENSION}}`;
    const service = `${SERVICE_DIMENSION}="${props.metrics.serviceName}"`;
    const filter = `${service} MetricName="${BUSINESS_METRICS.returnCreated}"`;
    return [
      new GraphWidget({
        title: 'Returns created, by marketplace',
        width,
        stacked: true,
        left: [
          new MathExpression({
            expression: `SEARCH('${schema} ${filter}', 'Sum', 300)`,
            usingMetrics: {},
            label: '',
            period: FIVE_MINUTES,
          }),
        ],
      }),
      new GraphWidget({
        title: 'Returns sent to NEEDS_ATTENTION, refunds declined',
        width,
        left: [
          this.businessMetric(props, BUSINESS_METRICS.returnNeedsAttention).with({
            label: 'needs attention',
          }),
          this.businessMetric(props, BUSINESS_METRICS.refundFailed).with({ label: 'refunds declined' }),
        ],
      }),
    ];
  }

  private dashboard(props: ObservabilityProps, serverErrorRate: Metric, p99Latency: Metric): void {
    const stage = props.api.deploymentStage;
    const fns = [...props.functions];
    const perFunction = (metric: (fn: IFunction) => Metric) =>
      fns.map(([label, fn]) => metric(fn).with({ label, period: FIVE_MINUTES }));
    const width = 12;
    const dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
        this.businessWidgets(props, width),
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
        ...(props.pipeline ? [this.pipelineWidgets(props.pipeline, width)] : []),
        ...(props.inspectionQueue ? [this.inspectionQueueWidgets(props.inspectionQueue, width)] : []),
      ],
    });
    // CloudFormation generates the name (no fixed names, so stages share an account): say where it is.
    new CfnOutput(this, 'DashboardName', {
      value: dashboard.dashboardName,
      description:
        'The CloudWatch dashboard of this region: API, functions, business metrics, pipeline, inspection queue',
    });
  }

  /** The pipeline's runs by outcome, and its tasks' invocations and errors (retried errors included). */
  private pipelineWidgets(
    pipeline: NonNullable<ObservabilityProps['pipeline']>,
    width: number,
  ): GraphWidget[] {
    const { stateMachine } = pipeline;
    const runs = { statistic: 'Sum', period: FIVE_MINUTES };
    const tasks = [...pipeline.functions];
    return [
      new GraphWidget({
        title: 'Return pipeline runs',
        width,
        left: [
          stateMachine.metricStarted({ ...runs, label: 'started' }),
          stateMachine.metricSucceeded({ ...runs, label: 'succeeded' }),
          stateMachine.metricFailed({ ...runs, label: 'failed (NEEDS_ATTENTION)' }),
          stateMachine.metricTimedOut({ ...runs, label: 'timed out' }),
          stateMachine.metricAborted({ ...runs, label: 'aborted' }),
        ],
      }),
      new GraphWidget({
        title: 'Return pipeline tasks: invocations and errors',
        width,
        left: tasks.map(([label, fn]) => fn.metricInvocations({ ...runs, label })),
        right: tasks.map(([label, fn]) => fn.metricErrors({ ...runs, label: `${label} errors` })),
      }),
    ];
  }

  /** The inspection queue's depth and age, its dead letters, and its consumer. */
  private inspectionQueueWidgets(
    inspection: NonNullable<ObservabilityProps['inspectionQueue']>,
    width: number,
  ): GraphWidget[] {
    const { queue, deadLetterQueue, consumer } = inspection;
    const sum = { statistic: 'Sum', period: FIVE_MINUTES };
    const max = { statistic: 'Maximum', period: FIVE_MINUTES };
    return [
      new GraphWidget({
        title: 'Inspection queue: messages waiting, dead letters, oldest (s)',
        width,
        left: [
          queue.metricApproximateNumberOfMessagesVisible({ ...max, label: 'waiting' }),
          deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...max, label: 'dead letters' }),
        ],
        right: [queue.metricApproximateAgeOfOldestMessage({ ...max, label: 'oldest message (s)' })],
      }),
      new GraphWidget({
        title: 'Inspection consumer: invocations, errors, throttles',
        width,
        left: [
          consumer.metricInvocations({ ...sum, label: 'invocations' }),
          consumer.metricErrors({ ...sum, label: 'errors' }),
          consumer.metricThrottles({ ...sum, label: 'throttles' }),
        ],
        right: [
          consumer.metricDuration({ statistic: 'p99', period: FIVE_MINUTES, label: 'duration p99 (ms)' }),
        ],
      }),
    ];
  }
}
