import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { SERVICE_DIMENSION } from '../../../functions/shared/metric-names.js';
import type { FunctionObservability } from '../returns-function.js';

/** The period of every alarm and graph. */
export const FIVE_MINUTES = Duration.minutes(5);

/** Where the functions' Powertools metrics go (the business metrics' namespace and service). */
export type MetricsTarget = Pick<FunctionObservability, 'metricsNamespace' | 'serviceName'>;

/** A count the functions emit with Powertools (EMF): its sum per 5 minutes. */
export const businessMetric = (target: MetricsTarget, metricName: string): Metric =>
  new Metric({
    namespace: target.metricsNamespace,
    metricName,
    dimensionsMap: { [SERVICE_DIMENSION]: target.serviceName },
    statistic: 'Sum',
    period: FIVE_MINUTES,
  });

/** The two API figures that are both alarmed and graphed: the share answered 5xx, and p99 latency. */
export const apiHealthMetrics = (api: RestApi): { serverErrorRate: Metric; p99Latency: Metric } => {
  const stage = api.deploymentStage;
  return {
    serverErrorRate: stage.metricServerError({ statistic: 'Average', period: FIVE_MINUTES }),
    p99Latency: stage.metricLatency({ statistic: 'p99', period: FIVE_MINUTES }),
  };
};
