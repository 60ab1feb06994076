import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { API_ROUTES, AUTHORIZER_ENTRY } from '../api-routes.js';
import type { RegionConfig } from '../config/index.js';
import { InspectionQueue } from '../constructs/inspection-queue.js';
import { DeadlineSweeper } from '../constructs/deadline-sweeper.js';
import { EventDispatch } from '../constructs/event-dispatch.js';
import { Observability } from '../constructs/observability.js';
import { ReturnPipeline } from '../constructs/return-pipeline.js';
import type { FunctionObservability } from '../constructs/returns-function.js';
import { SellerApi } from '../constructs/seller-api.js';
import { ConsoleSite } from '../constructs/console-site.js';
import { marketplacesEnvironment } from '../marketplaces-environment.js';

export interface ApiStackProps extends StackProps {
  config: RegionConfig;
  stage: string;
  /** The table from the stateful stack. */
  table: ITable;
  /** The carriers' webhook signing secrets, from the stateful stack. */
  carrierSecrets: ISecret;
  /** Seals sellers' connection secrets, from the stateful stack. */
  connectionSecretsKey: IKey;
  /** Signs the buyers' links, from the stateful stack. */
  linkSigningKey: IKey;
}

/**
 * The stateless half of a region: functions, the return pipeline, the inspection queue, the REST API,
 * the seller console on CloudFront, alarms and the dashboard.
 */
export class ApiStack extends Stack {
  readonly pipeline: ReturnPipeline;
  readonly inspectionQueue: InspectionQueue;
  readonly sellerApi: SellerApi;
  readonly observability: Observability;
  readonly console: ConsoleSite;
  readonly deadlineSweeper: DeadlineSweeper;
  readonly events: EventDispatch;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // Strong references (exports this stack imports): CloudFormation then refuses to delete the data
    // stack while an API still uses its table. Set before any child exists, as CDK requires.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { config } = props;
    const observability: FunctionObservability = {
      serviceName: 'returns',
      metricsNamespace: `Returns/${props.stage}`,
      logLevel: 'INFO',
    };
    const marketplaces = { REGION_MARKETPLACES: marketplacesEnvironment(config) };
    // The Stripe Connect platform's secret, created by the admin (README: Stripe Connect): imported by
    // its complete ARN, so each grant names exactly that secret.
    const stripePlatform = config.stripeConnect
      ? Secret.fromSecretCompleteArn(this, 'StripeConnectPlatform', config.stripeConnect.platformSecretArn)
      : undefined;

    // Before the API: its routes start and resume the pipeline's runs.
    this.pipeline = new ReturnPipeline(this, 'Pipeline', {
      table: props.table,
      connectionSecretsKey: props.connectionSecretsKey,
      stripePlatform,
      observability,
      environment: marketplaces,
    });

    // After the pipeline: its consumer resumes the runs waiting at AwaitInspection.
    this.inspectionQueue = new InspectionQueue(this, 'InspectionQueue', {
      table: props.table,
      stateMachine: this.pipeline.stateMachine,
      observability,
      environment: marketplaces,
    });
    new CfnOutput(this, 'InspectionQueueUrl', {
      value: this.inspectionQueue.queue.queueUrl,
      description: 'The inspection queue: warehouses send inspection results here (one JSON message each)',
    });
    new CfnOutput(this, 'InspectionDeadLetterQueueUrl', {
      value: this.inspectionQueue.deadLetterQueue.queueUrl,
      description: 'Inspection results that failed every attempt, kept for a person to look at',
    });

    this.sellerApi = new SellerApi(this, 'SellerApi', {
      routes: API_ROUTES,
      authorizerEntry: AUTHORIZER_ENTRY,
      table: props.table,
      stateMachine: this.pipeline.stateMachine,
      carrierSecrets: props.carrierSecrets,
      connectionSecretsKey: props.connectionSecretsKey,
      stripePlatform,
      linkSigningKey: props.linkSigningKey,
      throttling: config.apiThrottling,
      waf: config.waf,
      stageName: props.stage,
      observability,
      routeEnvironment: marketplaces,
    });

    // The seller console on CloudFront, with /v1/* sent to this API: one origin for both.
    this.console = new ConsoleSite(this, 'Console', { api: this.sellerApi.api });
    new CfnOutput(this, 'ConsoleUrl', {
      value: `https://${this.console.distribution.distributionDomainName}/`,
      description: 'The seller console (sign in with an API key); the API is also served here under /v1',
    });

    this.deadlineSweeper = new DeadlineSweeper(this, 'DeadlineSweeper', {
      table: props.table,
      observability,
    });
    this.events = new EventDispatch(this, 'Events', {
      table: props.table,
      sender: config.ses,
      connectionSecretsKey: props.connectionSecretsKey,
      linkSigningKey: props.linkSigningKey,
      // The event functions are no part of the API, so they can be told its URL without a cycle.
      publicApiUrl: this.sellerApi.api.url,
      observability,
    });

    const functions = new Map<string, IFunction>([
      ['Authorizer', this.sellerApi.authorizerFunction.function],
      ...[...this.sellerApi.routeFunctions].map(([name, fn]): [string, IFunction] => [name, fn.function]),
      ['SweepDeadlines', this.deadlineSweeper.function.function],
      ['OutboxStream', this.events.stream.function],
      ['OutboxSweeper', this.events.sweeper.function],
      ['WebhookDeliveries', this.events.deliveries.function],
    ]);
    this.observability = new Observability(this, 'Observability', {
      alarmEmail: config.alarmEmail,
      api: this.sellerApi.api,
      functions,
      refuseByThrowing: ['Authorizer'],
      metrics: observability,
      table: props.table,
      pipeline: this.pipeline,
      inspectionQueue: {
        queue: this.inspectionQueue.queue,
        deadLetterQueue: this.inspectionQueue.deadLetterQueue,
        consumer: this.inspectionQueue.consumer.function,
      },
    });
  }
}
