import {
  Alarm,
  ComparisonOperator,
  type IAlarm,
  type IMetric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { BUSINESS_METRICS } from '../../../functions/shared/metric-names.js';
import type { ObservabilityProps } from '../observability.js';
import { apiHealthMetrics, businessMetric, FIVE_MINUTES } from './metrics.js';

/** Share of requests answered 5xx that pages someone. */
const API_5XX_RATE_THRESHOLD = 0.05;
/** p99 latency, in ms, above which the API is too slow (handlers time out at 10 s). */
const API_P99_LATENCY_MS = 3000;

interface AlarmSpec {
  metric: IMetric;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  description: string;
  /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  comparisonOperator?: ComparisonOperator;
}

/**
 * The alarms: the API's 5xx rate and p99 latency, each route function's errors, returns needing
 * attention, overdue returns, declined refunds, the inspection queue's dead letters and consumer, and the pipeline's
 * failed and timed-out runs. Each notifies `topic` when it fires and again when it recovers.
 */
export const addAlarms = (scope: Construct, topic: ITopic, props: ObservabilityProps): IAlarm[] => {
  const alarms: IAlarm[] = [];
  const action = new SnsAction(topic);
  const alarm = (id: string, p: AlarmSpec): void => {
    const created = new Alarm(scope, id, {
      metric: p.metric,
      threshold: p.threshold,
      evaluationPeriods: p.evaluationPeriods,
      datapointsToAlarm: p.datapointsToAlarm,
      comparisonOperator: p.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is not an outage.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: p.description,
    });
    created.addAlarmAction(action);
    created.addOkAction(action);
    alarms.push(created);
  };

  const { serverErrorRate, p99Latency } = apiHealthMetrics(props.api);
  alarm('Api5xxRate', {
    metric: serverErrorRate,
    threshold: API_5XX_RATE_THRESHOLD,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    description: `More than ${API_5XX_RATE_THRESHOLD * 100}% of API requests answered 5xx`,
  });
  alarm('ApiP99Latency', {
    metric: p99Latency,
    threshold: API_P99_LATENCY_MS,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    description: `API p99 latency above ${API_P99_LATENCY_MS} ms for 15 minutes`,
  });
  for (const [label, fn] of props.functions) {
    if (props.refuseByThrowing?.includes(label)) continue;
    alarm(`${label}Errors`, {
      metric: fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }),
      threshold: 1,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      description: `${label} threw an unhandled error (handlers map expected errors to 4xx, so this is a bug)`,
    });
  }

  // Counted by the functions wherever a return goes to NEEDS_ATTENTION (functions/shared/observability.ts).
  alarm('ReturnsNeedAttention', {
    metric: businessMetric(props.metrics, BUSINESS_METRICS.returnNeedsAttention),
    threshold: 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    description:
      'Returns in NEEDS_ATTENTION: a step failed after its retries; the seller (or an operator) must retry the return',
  });

  // Counted by the deadline sweeper whenever it finds a return's next deadline passed.
  alarm('ReturnsOverdue', {
    metric: businessMetric(props.metrics, BUSINESS_METRICS.returnOverdue),
    threshold: 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    description:
      'A return deadline passed (a platform may refund the buyer itself and charge the seller, or the legal refund date is gone): GET /v1/returns?overdue=true lists them',
  });

  // Counted by the refund step (and concessions) when the payment provider declines: money not paid.
  alarm('RefundsFailed', {
    metric: businessMetric(props.metrics, BUSINESS_METRICS.refundFailed),
    threshold: 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    description:
      'The payment provider declined a refund or concession: the buyer was not paid; the return needs a person',
  });

  if (props.inspectionQueue) {
    const { deadLetterQueue, consumer } = props.inspectionQueue;
    alarm('InspectionDeadLetters', {
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
    alarm('InspectionConsumerErrors', {
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
    alarm('PipelineExecutionsFailed', {
      metric: stateMachine.metricFailed({ statistic: 'Sum', period: FIVE_MINUTES }),
      threshold: 1,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      description: 'A return pipeline run failed: a return is in NEEDS_ATTENTION and waits for a human retry',
    });
    alarm('PipelineExecutionsTimedOut', {
      metric: stateMachine.metricTimedOut({ statistic: 'Sum', period: FIVE_MINUTES }),
      threshold: 1,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      description: 'A return pipeline run timed out as a whole (a task timeout is handled inside the run)',
    });
  }
  return alarms;
};
