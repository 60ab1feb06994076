import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { CfnEventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { INSPECTION_QUEUE } from '../../functions/consumers/inspection-queue-contract.js';
import { bindPipeline } from './bind-pipeline.js';
import { bindTable } from './bind-table.js';
import { ReturnsFunction, type FunctionObservability } from './returns-function.js';

/** The consumer's handler module, relative to the repository root. */
export const INSPECTION_CONSUMER_ENTRY = 'functions/consumers/inspection-results.ts';

export interface InspectionQueueProps {
  table: ITable;
  /** The return pipeline: the consumer resumes the runs waiting at AwaitInspection. */
  stateMachine: IStateMachine;
  observability: FunctionObservability;
  /** Extra environment the consumer gets. */
  environment?: Record<string, string>;
}

/**
 * Where inspection results arrive (DESIGN §7): an SQS queue, SSE with SQS-managed keys and TLS-only,
 * consumed by one function in batches with partial-batch failures, so one bad record does not send its
 * batch-mates round again. A message that fails INSPECTION_QUEUE.maxReceiveCount times (a poison
 * message, a return that never arrives) moves to the dead-letter queue, where it is kept for a person to
 * look at (the observability construct alarms on its depth). All settings come from INSPECTION_QUEUE,
 * which the local poller reads too.
 */
export class InspectionQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly consumer: ReturnsFunction;

  constructor(scope: Construct, id: string, props: InspectionQueueProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(INSPECTION_QUEUE.dlqRetentionDays),
    });
    NagSuppressions.addResourceSuppressions(this.deadLetterQueue, [
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'This queue is the dead-letter queue of the inspection queue, the end of the line: messages wait here for a person (alarmed on its depth); a redrive policy of its own would only move them on',
      },
    ]);

    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(INSPECTION_QUEUE.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: INSPECTION_QUEUE.maxReceiveCount },
    });

    this.consumer = new ReturnsFunction(this, 'Consumer', {
      entry: INSPECTION_CONSUMER_ENTRY,
      description: 'Records inspection results from the inspection queue and resumes the waiting runs',
      observability: props.observability,
      timeout: Duration.seconds(INSPECTION_QUEUE.consumerTimeoutSeconds),
      noDeadLetterQueueReason:
        "Invoked by its SQS event source only: a record that keeps failing goes to the inspection queue's dead-letter queue through the queue's redrive policy (maxReceiveCount), not to a function DLQ",
    });
    for (const [key, value] of Object.entries(props.environment ?? {}))
      this.consumer.function.addEnvironment(key, value);
    bindTable(this.consumer, props.table, 'readWrite');
    bindPipeline(this.consumer, props.stateMachine, 'callback');

    this.consumer.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: INSPECTION_QUEUE.batchSize,
        reportBatchItemFailures: true,
      }),
    );
    const mappings = this.consumer.function.node
      .findAll()
      .filter((child) => child instanceof CfnEventSourceMapping);
    NagSuppressions.addResourceSuppressions(mappings, [
      {
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason:
          "An SQS event source mapping takes no on-failure destination (that is for stream and Kafka sources): failed records go to the inspection queue's dead-letter queue through its redrive policy",
      },
    ]);
  }
}
