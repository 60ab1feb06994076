import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { REPO_ROOT } from '../repo-root.js';
import { LAMBDA_BUNDLING } from './lambda-bundling.js';

/** What every function reports itself as, for Powertools logs, traces and metrics. */
export interface FunctionObservability {
  serviceName: string;
  metricsNamespace: string;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

export interface ReturnsFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  observability: FunctionObservability;
  /** @default 512 MB: a fair CPU share for cold starts of bundled SDK + Powertools code. */
  memorySize?: number;
  /** @default 10 s: well under API Gateway's 29 s integration limit. */
  timeout?: Duration;
  /**
   * Where failed asynchronous invocations go. Omit only for functions invoked synchronously (API
   * Gateway, authorizers): Lambda never dead-letters a synchronous call, the caller sees the error;
   * or by an event source mapping whose source has a DLQ of its own (see `noDeadLetterQueueReason`).
   */
  deadLetterQueue?: IQueue;
  /** Who invokes the function synchronously, when it has no DLQ (for the nag suppression's reason). @default 'API Gateway' */
  synchronousCaller?: string;
  /**
   * Why a function that is not invoked synchronously needs no DLQ of its own (for the nag suppression's
   * reason), e.g. an SQS event source, whose failed records go to the queue's DLQ. Replaces the
   * synchronous-caller reason.
   */
  noDeadLetterQueueReason?: string;
}

/**
 * The one place that fixes what every function shares: Node.js 22 on arm64, active tracing, an
 * explicit log group with retention, an explicit role (so no AWS managed policy), ESM bundles with
 * source maps, and the Powertools environment. Grants are added with the bind helpers only.
 */
export class ReturnsFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ReturnsFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });

    // The role writes to its own log group and nothing else until a bind helper grants more.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
      inlinePolicies: {
        logs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [this.logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });

    const { serviceName, metricsNamespace, logLevel } = props.observability;
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // Kept equal to LOG_LEVEL: Powertools warns when Lambda's level is stricter than its own.
      applicationLogLevelV2: ApplicationLogLevel[logLevel],
      systemLogLevelV2: SystemLogLevel.INFO,
      deadLetterQueue: props.deadLetterQueue,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: serviceName,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        LOG_LEVEL: logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: LAMBDA_BUNDLING.format as OutputFormat,
        target: LAMBDA_BUNDLING.target,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        minify: LAMBDA_BUNDLING.minify,
        keepNames: LAMBDA_BUNDLING.keepNames,
        esbuildArgs: {
          '--alias': Object.entries(LAMBDA_BUNDLING.alias).map(([from, to]) => `${from}=${to}`),
        },
        sourceMap: true,
        sourcesContent: false,
        externalModules: [...LAMBDA_BUNDLING.external],
      },
    });

    NagSuppressions.addResourceSuppressions(this.function, [
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime this project targets and tests; moving to 24 is a deliberate upgrade',
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason:
          'Node.js 22 is the runtime this project targets and tests; moving to 24 is a deliberate upgrade',
      },
      ...(props.deadLetterQueue
        ? []
        : [
            {
              id: 'Serverless-LambdaDLQ',
              reason:
                props.noDeadLetterQueueReason ??
                `Invoked synchronously only (${props.synchronousCaller ?? 'API Gateway'}); Lambda never dead-letters a synchronous call, the caller gets the error`,
            },
          ]),
    ]);
    // X-Ray has no resource-level permissions; the tracing grant CDK adds is the only wildcard.
    NagSuppressions.addResourceSuppressions(
      this.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
  }
}
