import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MetricsOptions } from '@aws-lambda-powertools/metrics/types';
import type { MiddlewareObj } from '@middy/core';
import { BUSINESS_METRICS, MARKETPLACE_DIMENSION } from './metric-names.js';
import { annotate, traceHandler } from './xray.js';

/**
 * Logs, metrics and traces for every function, created once per function instance. Configuration is the
 * Powertools environment the stack sets (infra/constructs/returns-function.ts):
 * - POWERTOOLS_SERVICE_NAME: the `service` of every log line, metric and trace (default `returns`);
 * - POWERTOOLS_LOG_LEVEL / LOG_LEVEL: the log level;
 * - POWERTOOLS_METRICS_NAMESPACE: the CloudWatch namespace of the metrics;
 * - POWERTOOLS_METRICS_DISABLED=true: no EMF output at all (local runs and tests set it);
 * - traces (functions/shared/xray.ts) are sent only inside Lambda, on a sampled invocation.
 */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'returns';

/** One structured logger per function instance. */
export const logger = new Logger({ serviceName });

/**
 * Metrics' own notices go through the logger, not bare console lines. The "no application metrics"
 * notice follows every invocation that records none (most reads, by design): DEBUG, not WARN.
 */
const metricsNotices: NonNullable<MetricsOptions['logger']> = {
  debug: (message: string) => logger.debug(message),
  info: (message: string) => logger.info(message),
  warn: (message: string) =>
    message.startsWith('No application metrics') ? logger.debug(message) : logger.warn(message),
  error: (message: string) => logger.error(message),
};

/** CloudWatch metrics as EMF log lines; namespace from POWERTOOLS_METRICS_NAMESPACE. */
export const metrics = new Metrics({ serviceName, logger: metricsNotices });

/**
 * The middy middlewares every handler uses, outermost first: the Lambda context (and, after the
 * invocation, no keys left over for the next one) on every log line, the handler's X-Ray subsegment
 * (responses are not recorded: they hold buyers' e-mail addresses), and the metrics flushed after
 * each invocation with a ColdStart metric on the first.
 */
export const observe = (): MiddlewareObj[] => [
  injectLambdaContext(logger, { resetKeys: true }),
  traceHandler(serviceName),
  logMetrics(metrics, { captureColdStartMetric: true }),
];

/**
 * Ties what follows in this invocation to one request: `correlation_id` on every log line (cleared after
 * the invocation by `observe()`), an X-Ray annotation, and EMF metadata. The seller edge passes API
 * Gateway's request id; pipeline tasks and webhooks pass the `correlationId` of their input.
 */
export const withCorrelation = (correlationId: string): void => {
  logger.setCorrelationId(correlationId);
  annotate('correlation_id', correlationId);
  metrics.addMetadata('correlation_id', correlationId);
};

/**
 * Business metrics are emitted at once, each with its own dimensions, so they never share (and change)
 * the dimension set of other metrics of the invocation, and they are not lost when code runs outside
 * `observe()`. The alarms in infra/constructs/observability.ts read exactly these names and dimensions.
 */
const emitCount = (name: string, dimensions: Record<string, string> = {}): void => {
  const single = metrics.singleMetric();
  for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
  const correlationId: unknown = logger.getCorrelationId();
  if (typeof correlationId === 'string') single.addMetadata('correlation_id', correlationId);
  single.addMetric(name, MetricUnit.Count, 1);
};

/** A return request was opened (count, dimension `marketplace`). */
export const countReturnCreated = (marketplace: string): void =>
  emitCount(BUSINESS_METRICS.returnCreated, { [MARKETPLACE_DIMENSION]: marketplace });

/** A return was sent to NEEDS_ATTENTION (count, no extra dimension: one alarm covers every step). */
export const countNeedsAttention = (): void => emitCount(BUSINESS_METRICS.returnNeedsAttention);

/** The payment provider declined a refund or a concession (count; the refund-failures alarm reads it). */
export const countRefundFailed = (): void => emitCount(BUSINESS_METRICS.refundFailed);

/** A return's next deadline passed (count, no extra dimension: one alarm per region covers every return). */
export const countReturnOverdue = (): void => emitCount(BUSINESS_METRICS.returnOverdue);

/** A seller was reminded of a deadline (count). */
export const countDeadlineReminder = (): void => emitCount(BUSINESS_METRICS.deadlineReminderSent);
