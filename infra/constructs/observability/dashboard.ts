import { CfnOutput, Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  MathExpression,
  type Metric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import {
  BUSINESS_METRICS,
  MARKETPLACE_DIMENSION,
  SERVICE_DIMENSION,
} from '../../../functions/shared/metric-names.js';
import type { ObservabilityProps } from '../observability.js';
import { apiHealthMetrics, businessMetric, FIVE_MINUTES } from './metrics.js';

/**
 * Returns opened, one line per marketplace (found by a search, so a new marketplace needs no change
 * here), and returns sent to NEEDS_ATTENTION with refunds the payment provider declined.
 */
const businessWidgets = (props: ObservabilityProps, width: number): GraphWidget[] => {
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
        businessMetric(props.metrics, BUSINESS_METRICS.returnNeedsAttention).with({
          label: 'needs attention',
        }),
        businessMetric(props.metrics, BUSINESS_METRICS.refundFailed).with({ label: 'refunds declined' }),
      ],
    }),
  ];
};

/** The pipeline's runs by outcome, and its tasks' invocations and errors (retried errors included). */
const pipelineWidgets = (
  pipeline: NonNullable<ObservabilityProps['pipeline']>,
  width: number,
): GraphWidget[] => {
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
};

/** The inspection queue's depth and age, its dead letters, and its consumer. */
const inspectionQueueWidgets = (
  inspection: NonNullable<ObservabilityProps['inspectionQueue']>,
  width: number,
): GraphWidget[] => {
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
};

/**
 * The dashboard, one row each: alarm states; the business (returns created, returns needing attention,
 * refunds declined); the API (requests, 4xx, 5xx, latency); the functions (invocations, errors,
 * throttles, duration) and the table; the return pipeline (runs and tasks); and, last, the inspection
 * queue (depth, age, dead letters, consumer). Its name is a stack output.
 */
export const addDashboard = (scope: Construct, props: ObservabilityProps, alarms: IAlarm[]): void => {
  const { serverErrorRate, p99Latency } = apiHealthMetrics(props.api);
  const stage = props.api.deploymentStage;
  const fns = [...props.functions];
  const perFunction = (metric: (fn: IFunction) => Metric) =>
    fns.map(([label, fn]) => metric(fn).with({ label, period: FIVE_MINUTES }));
  const width = 12;
  const dashboard = new Dashboard(scope, 'Dashboard', {
    defaultInterval: Duration.hours(3),
    widgets: [
      [new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24 })],
      businessWidgets(props, width),
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
      ...(props.pipeline ? [pipelineWidgets(props.pipeline, width)] : []),
      ...(props.inspectionQueue ? [inspectionQueueWidgets(props.inspectionQueue, width)] : []),
    ],
  });
  // CloudFormation generates the name (no fixed names, so stages share an account): say where it is.
  new CfnOutput(scope, 'DashboardName', {
    value: dashboard.dashboardName,
    description:
      'The CloudWatch dashboard of this region: API, functions, business metrics, pipeline, inspection queue',
  });
};
