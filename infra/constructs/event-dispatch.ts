import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Rule } from 'aws-cdk-lib/aws-events';
import { CfnEventSourceMapping, FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { GSI } from '../../functions/adapters/dynamodb/table-design.js';
import { bindConnectionSecrets } from './bind-connection-secrets.js';
import { bindLinkSigning } from './bind-link-signing.js';
import { bindTable } from './bind-table.js';
import { everyMinute } from './every-minute.js';
import { grantSendEmail, type EmailSender } from './grant-send-email.js';
import { ReturnsFunction, type FunctionObservability } from './returns-function.js';

export interface EventDispatchProps {
  /** The returns table, with its stream (NEW_IMAGE) on. */
  table: ITable;
  /** Mail follows the events: the dispatcher is the only function that mails buyers and sellers. */
  sender: EmailSender;
  /** The key that seals the endpoints' signing secrets: the delivery worker alone opens them. */
  connectionSecretsKey: IKey;
  /** The buyer links' HMAC key: the mail sink mints the links in the conversation's mails. */
  linkSigningKey: IKey;
  /** Where those links point (PUBLIC_API_URL): the RestApi's stage URL. */
  publicApiUrl: string;
  observability: FunctionObservability;
}

/** The events' handler modules, relative to the repository root (the local pollers run the same code). */
export const EVENT_FUNCTION_ENTRIES = {
  OutboxStream: 'functions/events/outbox-stream.ts',
  OutboxSweeper: 'functions/events/outbox-sweeper.ts',
  WebhookDeliveries: 'functions/events/webhook-deliveries.ts',
} as const;

const SCHEDULED =
  'invoked by a one-minute schedule with retries off: it works from the table alone (the outbox on each return, the due deliveries), so a failed invocation leaves everything where the next minute finds it, and a dead-letter queue would hold nothing to act on';

/**
 * Events out, deployed (docs/design.md §14):
 * - OutboxStream: the table's stream, filtered by Lambda to items carrying the pending-events index key
 *   (a return whose outbox holds events), dispatches them within a second of the write; a return it
 *   could not finish is a batch item failure, retried by Lambda;
 * - OutboxSweeper: every minute, the backstop: whatever the stream's retries gave up on is still in the
 *   outbox and in its sparse index, and is dispatched from there;
 * - WebhookDeliveries: every minute, and on the stream for new or re-armed deliveries (items carrying the
 *   due-deliveries index key), sends what is due, chain by chain.
 * Each has the table, and mail through SES; the two dispatchers also put every event on the region's
 * default EventBridge bus (events:PutEvents on that bus only) and mint the buyer links in the
 * conversation's mails (kms:GenerateMac on the links' key; PUBLIC_API_URL, the API's stage URL, where they
 * point), and the delivery worker may open the
 * endpoints' sealed signing secrets (kms:Decrypt on the connections' key). Nothing else.
 */
export class EventDispatch extends Construct {
  readonly stream: ReturnsFunction;
  readonly sweeper: ReturnsFunction;
  readonly deliveries: ReturnsFunction;
  readonly schedules: Rule[];

  constructor(scope: Construct, id: string, props: EventDispatchProps) {
    super(scope, id);
    const fn = (name: string, entry: string, description: string, noDeadLetterQueueReason: string) => {
      const created = new ReturnsFunction(this, name, {
        entry,
        description,
        observability: props.observability,
        // A dispatch hands a batch's events to every sink; a delivery pass posts with a 10 s timeout each.
        timeout: Duration.seconds(60),
        noDeadLetterQueueReason,
      });
      bindTable(created, props.table, 'readWrite');
      grantSendEmail(created, props.sender);
      return created;
    };
    this.stream = fn(
      'OutboxStream',
      EVENT_FUNCTION_ENTRIES.OutboxStream,
      "Events: dispatches a return's pending events from the table stream (webhooks, mail)",
      'invoked by a DynamoDB stream event source mapping: a record it fails is retried by Lambda, and the event itself never leaves the return item until dispatched, where the sweeper finds it; the record is only a pointer to that item',
    );
    this.sweeper = fn(
      'OutboxSweeper',
      EVENT_FUNCTION_ENTRIES.OutboxSweeper,
      'Events: every minute, dispatches the outbox events the stream left behind',
      SCHEDULED,
    );
    // The dispatchers put every event on the region's default bus, and on nothing else.
    const defaultBus = Stack.of(this).formatArn({
      service: 'events',
      resource: 'event-bus',
      resourceName: 'default',
    });
    for (const dispatcher of [this.stream, this.sweeper]) {
      dispatcher.function.addEnvironment('EVENT_BUS_NAME', 'default');
      // The mail sink mints the buyer links in the conversation's mails, pointing at the API's stage URL.
      bindLinkSigning(dispatcher, props.linkSigningKey, 'sign');
      dispatcher.function.addEnvironment('PUBLIC_API_URL', props.publicApiUrl);
      dispatcher.function.addToRolePolicy(
        new PolicyStatement({ actions: ['events:PutEvents'], resources: [defaultBus] }),
      );
    }
    this.deliveries = fn(
      'WebhookDeliveries',
      EVENT_FUNCTION_ENTRIES.WebhookDeliveries,
      "Events: sends the due webhook deliveries to sellers' endpoints (Standard Webhooks)",
      SCHEDULED,
    );
    bindConnectionSecrets(this.deliveries, props.connectionSecretsKey, 'open');

    const withIndexKey = (attribute: string) =>
      FilterCriteria.filter({ dynamodb: { NewImage: { [attribute]: { S: FilterRule.exists() } } } });
    // The dispatcher reports the returns it could not finish; a delivery pass is one pass whatever the
    // records named (a record only says "there is work"), so it is retried whole, briefly.
    this.stream.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        // A second of writes in one batch: a pipeline step's writes in quick succession (a label's order
        // and purchase, a refund paid and completed) go out in one pass, with one drain, instead of a pass
        // racing each write to drain the same item.
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(1),
        filters: [withIndexKey(GSI.pendingEvents.partitionKey)],
      }),
    );
    this.deliveries.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        retryAttempts: 2,
        maxRecordAge: Duration.minutes(10),
        filters: [withIndexKey(GSI.dueDeliveries.partitionKey)],
      }),
    );

    this.schedules = [
      everyMinute(this, 'SweepEveryMinute', this.sweeper, 'Runs the outbox sweeper every minute'),
      everyMinute(this, 'DeliverEveryMinute', this.deliveries, 'Sends due webhook deliveries every minute'),
    ];

    for (const consumer of [this.stream, this.deliveries]) {
      const mappings = consumer.function.node.findAll().filter((c) => c instanceof CfnEventSourceMapping);
      NagSuppressions.addResourceSuppressions(mappings, [
        {
          id: 'Serverless-LambdaEventSourceMappingDestination',
          reason:
            'a stream record only names an item that still holds its work (the outbox on the return, a due delivery); a record that exhausts its retries loses nothing, since the one-minute sweepers find the work in the sparse indexes, so an on-failure destination would keep nothing to act on',
        },
      ]);
      NagSuppressions.addResourceSuppressions(
        consumer.role,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              "Lambda's stream read grant: dynamodb:ListStreams takes no resource but `*` (it lists stream ARNs, no data); the record-reading actions are on this table's stream only",
            appliesTo: ['Resource::*'],
          },
        ],
        true,
      );
    }
  }
}
