/**
 * The business metrics, named once: handlers emit them (shared/observability.ts) and the CDK alarms and
 * dashboard read them (infra/constructs/observability.ts). No runtime imports, so the CDK app can load it.
 */
export const BUSINESS_METRICS = {
  /** One per return request opened (idempotent replays are not counted); dimension `marketplace`. */
  returnCreated: 'ReturnCreated',
  /** One per return sent to NEEDS_ATTENTION (a step failed after its retries). */
  returnNeedsAttention: 'ReturnNeedsAttention',
  /** One per refund or concession the payment provider declined. */
  refundFailed: 'RefundFailed',
  /** One per return whose next deadline the sweeper found passed. */
  returnOverdue: 'ReturnOverdue',
  /** One per deadline reminder mailed to a seller. */
  deadlineReminderSent: 'DeadlineReminderSent',
} as const;

/** Every metric carries Powertools' default `service` dimension (POWERTOOLS_SERVICE_NAME). */
export const SERVICE_DIMENSION = 'service';
export const MARKETPLACE_DIMENSION = 'marketplace';
