/**
 * The inspection queue's settings, shared by the CDK construct and the local poller so that a local run
 * has the same event-source semantics as the deployed one.
 */
export const INSPECTION_QUEUE = {
  /** Records per consumer invocation. */
  batchSize: 10,
  /** The consumer function's timeout. */
  consumerTimeoutSeconds: 10,
  /** AWS's guidance for Lambda event sources: at least six times the function's timeout. */
  visibilityTimeoutSeconds: 6 * 10,
  /** Receives before a message moves to the dead-letter queue: a poison message stops after this many. */
  maxReceiveCount: 3,
  /** How long the dead-letter queue keeps a message for a person to look at. */
  dlqRetentionDays: 14,
} as const;
