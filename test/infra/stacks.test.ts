import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../infra/api-routes.js';
import { CONFIGURED_REGIONS } from '../../infra/config/index.js';
import { GSI, TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-design.js';
import { PIPELINE_TASKS, type PipelineTaskName } from '../../functions/pipeline/pipeline-contract.js';
import { DEPLOYMENT_PROVIDER_ID_PREFIX } from '../../infra/constructs/console-site.js';
import { functionsByName, logicalId, synthRegions, type SynthesizedRegion } from './synth-region.js';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }>;

/** `{ "GET /v1/returns/{id}": <method properties> }`, by walking the API's resource tree. */
const methodsByRoute = (resources: Resources): Map<string, Record<string, unknown>> => {
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    const resource = id ? resources[id] : undefined;
    if (!resource || resource.Type !== 'AWS::ApiGateway::Resource') return ''; // the root
    const props = resource.Properties as { ParentId: unknown; PathPart: string };
    return `${pathOf(props.ParentId)}/${props.PathPart}`;
  };
  const methods = new Map<string, Record<string, unknown>>();
  for (const r of Object.values(resources)) {
    if (r.Type !== 'AWS::ApiGateway::Method') continue;
    const props = r.Properties as Record<string, unknown>;
    methods.set(`${String(props.HttpMethod)} ${pathOf(props.ResourceId)}`, props);
  }
  return methods;
};

const PIPELINE_TASK_NAMES = Object.keys(PIPELINE_TASKS) as PipelineTaskName[];
/**
 * Every function the API stack deploys: one per route, the authorizer, one per pipeline task and the
 * inspection consumer.
 */
// Routes, the authorizer, the pipeline's tasks, the inspection consumer, the deadline sweeper, and the
// events' stream dispatcher, outbox sweeper and webhook deliveries.
const FUNCTION_COUNT = API_ROUTES.length + 1 + PIPELINE_TASK_NAMES.length + 1 + 1 + 3;

let built: Map<string, SynthesizedRegion>;
beforeAll(() => {
  built = synthRegions(CONFIGURED_REGIONS, { bundle: true });
}, 300_000);

describe.each(CONFIGURED_REGIONS)('%s stacks', (region) => {
  let s: SynthesizedRegion;
  let apiResources: Resources;
  beforeAll(() => {
    s = built.get(region)!;
    apiResources = s.api.toJSON().Resources as Resources;
  });

  it('names the stacks after the stage and the region', () => {
    expect(s.stacks.stateful.stackName).toBe(`prod-returns-${region}-data`);
    expect(s.stacks.api.stackName).toBe(`prod-returns-${region}-api`);
    expect(s.stacks.api.region).toBe(region);
  });

  it('keeps the table on-demand, point-in-time recoverable, encrypted, retained and deletion-protected', () => {
    s.data.resourceCountIs('AWS::DynamoDB::Table', 1);
    s.data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // SSE with no key given: the AWS managed KMS key (aws/dynamodb).
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    });
  });

  it('declares the ten GSIs of the table design, none projecting ALL', () => {
    const keysOnly = { ProjectionType: 'KEYS_ONLY' };
    const expected: Array<[string, Record<string, unknown>]> = [
      ['gsi1', keysOnly],
      ['gsi2', { ProjectionType: 'INCLUDE', NonKeyAttributes: ['sellerId', 'id'] }],
      ['gsi3', keysOnly],
      ['gsi4', keysOnly],
      ['gsi5', keysOnly],
      ['gsi6', keysOnly],
      ['gsi7', { ProjectionType: 'INCLUDE', NonKeyAttributes: ['sellerId', 'id'] }],
      ['gsi8', { ProjectionType: 'INCLUDE', NonKeyAttributes: ['sellerId', 'id'] }],
      ['gsi9', keysOnly],
      [
        'gsi10',
        { ProjectionType: 'INCLUDE', NonKeyAttributes: [...GSI.endpointDeliveries.nonKeyAttributes] },
      ],
    ];
    s.data.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: expected.map(([indexName, projection]) => ({
        IndexName: indexName,
        KeySchema: [
          { AttributeName: `${indexName}pk`, KeyType: 'HASH' },
          { AttributeName: `${indexName}sk`, KeyType: 'RANGE' },
        ],
        Projection: projection,
      })),
    });
    expect(Object.values(GSI).map((g) => g.indexName)).toEqual(expected.map(([name]) => name));
  });

  it('deploys one function per route, the authorizer, one per pipeline task and the inspection consumer, all Node.js 22 on arm64 with active tracing', () => {
    const all = Object.entries(s.api.findResources('AWS::Lambda::Function'));
    // Besides ours, the one CDK's BucketDeployment adds to copy the console's files (a Python runtime).
    const providers = all.filter(([id]) => id.startsWith(DEPLOYMENT_PROVIDER_ID_PREFIX.replace('::', '')));
    expect(providers).toHaveLength(1);
    const functions = all.filter((entry) => !providers.includes(entry)).map(([, fn]) => fn);
    expect(functions).toHaveLength(FUNCTION_COUNT);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
      });
    }
  });

  it('gives every function the Powertools environment, and the table and sender only where its route needs them', () => {
    for (const [name, fn] of functionsByName(s.stacks)) {
      const route = API_ROUTES.find((r) => r.name === name);
      const access = route ? route.access : { table: 'read' as const };
      const env = (
        apiResources[logicalId(fn.function, s.stacks.api)]?.Properties as {
          Environment: { Variables: Record<string, unknown> };
        }
      ).Environment.Variables;
      expect(env, name).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'returns',
        POWERTOOLS_METRICS_NAMESPACE: 'Returns/prod',
        LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      });
      expect('TABLE_NAME' in env, name).toBe(access.table !== undefined);
      // No route mails: every mail goes from the outbox.
      expect(env.SENDER_EMAIL, name).toBeUndefined();
      expect(env.SES_CONFIGURATION_SET, name).toBeUndefined();
      expect('REGION_MARKETPLACES' in env, name).toBe(route !== undefined);
      const stateMachine = { Ref: logicalId(s.stacks.api.pipeline.stateMachine, s.stacks.api) };
      expect(env.STATE_MACHINE_ARN, name).toEqual(route?.access.pipeline ? stateMachine : undefined);
      expect('CARRIER_SECRETS_ARN' in env, name).toBe(route?.access.carrierSecrets === true);
    }
  });

  it('gives every pipeline task the table, no sender (mail follows the events) and no state machine ARN', () => {
    for (const task of PIPELINE_TASK_NAMES) {
      const fn = s.stacks.api.pipeline.functions.get(task)!;
      const env = (
        apiResources[logicalId(fn, s.stacks.api)]?.Properties as {
          Environment: { Variables: Record<string, unknown> };
        }
      ).Environment.Variables;
      expect(env, task).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'returns', TABLE_NAME: expect.anything() });
      expect(env.SENDER_EMAIL, task).toBeUndefined();
      // The state machine references the functions; an ARN the other way would be a dependency cycle.
      expect(env.STATE_MACHINE_ARN, task).toBeUndefined();
    }
  });

  it('bundles every function as minified ESM with a source map and its own AWS SDK', () => {
    const assembly = s.app.synth();
    const manifest = JSON.parse(
      readFileSync(join(assembly.directory, `${s.stacks.api.artifactId}.assets.json`), 'utf8'),
    ) as { files: Record<string, { source: { path: string; packaging: string } }> };
    const assets = Object.values(manifest.files).filter((f) => f.source.path.startsWith('asset.'));
    const inAsset = (f: (typeof assets)[number], file: string) =>
      existsSync(join(assembly.directory, f.source.path, file));
    // Besides the functions: the built console, and what CDK's BucketDeployment brings prebuilt (its
    // Python handler and the AWS CLI layer, a zip).
    const site = assets.filter((f) => inAsset(f, 'index.html'));
    expect(site).toHaveLength(1);
    expect(inAsset(site[0]!, 'console/app.js')).toBe(true);
    const deployment = assets.filter((f) => f.source.path.endsWith('.zip') || inAsset(f, 'index.py'));
    expect(deployment).toHaveLength(2);
    const bundles = assets.filter((f) => !site.includes(f) && !deployment.includes(f));
    // The buyer pages' GET and POST are two functions of one module: one bundle.
    const sharedEntries = API_ROUTES.length - new Set(API_ROUTES.map((r) => r.entry)).size;
    expect(bundles).toHaveLength(FUNCTION_COUNT - sharedEntries);
    for (const { source } of bundles) {
      const dir = join(assembly.directory, source.path);
      expect(existsSync(join(dir, 'index.mjs.map')), dir).toBe(true);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith('import { createRequire }')).toBe(true);
      expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    }
  });

  it('throttles the stage as the region config says, with JSON access logs and tracing', () => {
    s.api.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          ResourcePath: '/*',
          HttpMethod: '*',
          ThrottlingRateLimit: s.config.apiThrottling.rateLimit,
          ThrottlingBurstLimit: s.config.apiThrottling.burstLimit,
        }),
      ]),
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('^\\{.*\\}$') },
    });
    const stage = Object.values(s.api.findResources('AWS::ApiGateway::Stage'))[0];
    const format = (stage?.Properties as { AccessLogSetting: { Format: string } }).AccessLogSetting.Format;
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('puts the API-key authorizer on every seller route and none on the public one', () => {
    const authorizers = Object.keys(s.api.findResources('AWS::ApiGateway::Authorizer'));
    expect(authorizers).toHaveLength(1);
    s.api.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 0,
    });
    const methods = methodsByRoute(apiResources);
    expect([...methods.keys()].sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of API_ROUTES) {
      const method = methods.get(`${route.method} ${route.path}`);
      if (route.auth === 'seller') {
        expect(method, route.name).toMatchObject({
          AuthorizationType: 'CUSTOM',
          AuthorizerId: { Ref: authorizers[0] },
        });
      } else {
        expect(method?.AuthorizationType, route.name).toBe('NONE');
        expect(method?.AuthorizerId, route.name).toBeUndefined();
      }
    }
  });

  it('requires path parameters at the gateway', () => {
    const methods = methodsByRoute(apiResources);
    for (const route of API_ROUTES.filter((r) => r.path.includes('{id}'))) {
      expect(methods.get(`${route.method} ${route.path}`), route.name).toMatchObject({
        RequestParameters: { 'method.request.path.id': true },
        RequestValidatorId: { Ref: expect.any(String) },
      });
    }
  });

  it("grants ses:SendEmail to the events' dispatchers only: mail follows the events (docs/design.md §14)", () => {
    const senders = Object.values(s.api.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('"ses:SendEmail"'))
      .flatMap((p) => (p.Properties.Roles as Array<{ Ref: string }>).map((r) => r.Ref))
      .sort();
    // Every mail, the conversation's with its buyer links too, goes out from the outbox, through the
    // three event functions; no route sends one.
    const { stream, sweeper, deliveries } = s.stacks.api.events;
    const events = [stream, sweeper, deliveries].map((f) => logicalId(f.role, s.stacks.api));
    expect(senders).toEqual(events.sort());
    // The dispatchers' mails carry buyer links to the API's own stage URL.
    const restApi = logicalId(s.stacks.api.sellerApi.api, s.stacks.api);
    for (const fn of [stream, sweeper]) {
      const env = (
        apiResources[logicalId(fn.function, s.stacks.api)]?.Properties as {
          Environment: { Variables: Record<string, unknown> };
        }
      ).Environment.Variables;
      expect(JSON.stringify(env.PUBLIC_API_URL)).toContain(restApi);
    }
  });

  it('dispatches events from the table stream, filtered to items with work, with the sweepers as a backstop', () => {
    s.data.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    const { stream, sweeper, deliveries } = s.stacks.api.events;
    const filterOn = (attribute: string) => ({
      Filters: [
        { Pattern: JSON.stringify({ dynamodb: { NewImage: { [attribute]: { S: [{ exists: true }] } } } }) },
      ],
    });
    s.api.resourceCountIs('AWS::Lambda::EventSourceMapping', 3); // and the inspection queue's
    s.api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stream.function, s.stacks.api) },
      FilterCriteria: filterOn(GSI.pendingEvents.partitionKey),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      StartingPosition: 'LATEST',
      // A step's writes in quick succession go out in one pass.
      MaximumBatchingWindowInSeconds: 1,
    });
    s.api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(deliveries.function, s.stacks.api) },
      FilterCriteria: filterOn(GSI.dueDeliveries.partitionKey),
    });
    for (const fn of [sweeper, deliveries]) {
      s.api.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(1 minute)',
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [logicalId(fn.function, s.stacks.api), 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
          }),
        ],
      });
    }
  });

  it('answers gateway errors with application/problem+json', () => {
    for (const type of [
      'DEFAULT_4XX',
      'DEFAULT_5XX',
      'UNAUTHORIZED',
      'THROTTLED',
      'MISSING_AUTHENTICATION_TOKEN',
    ]) {
      s.api.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: Match.objectLike({
          'gatewayresponse.header.Content-Type': "'application/problem+json'",
        }),
        ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"type":"/problems/') },
      });
    }
  });

  it('puts a WAF rate rule on the stage exactly when the region config enables it', () => {
    const waf = s.config.waf;
    s.api.resourceCountIs('AWS::WAFv2::WebACLAssociation', waf?.enabled ? 1 : 0);
    if (waf?.enabled) {
      s.api.hasResourceProperties('AWS::WAFv2::WebACL', {
        Scope: 'REGIONAL',
        Rules: [
          Match.objectLike({
            Statement: { RateBasedStatement: { Limit: waf.rateLimitPer5Min, AggregateKeyType: 'IP' } },
          }),
        ],
      });
    }
  });

  it('alarms on the API 5xx rate, p99 latency, each API function, returns needing attention, failed refunds, failed or timed-out pipeline runs and the inspection queue, to an encrypted topic e-mailing the config address', () => {
    s.api.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    s.api.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    s.api.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: s.config.alarmEmail,
    });
    // API (2), one per route function, the deadline sweeper's and the three event functions' errors,
    // NEEDS_ATTENTION, overdue returns, refunds failed, pipeline runs (2), and the inspection queue's dead
    // letters and consumer errors.
    s.api.resourceCountIs('AWS::CloudWatch::Alarm', 2 + API_ROUTES.length + 1 + 3 + 1 + 1 + 1 + 2 + 2);
    s.api.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError', Statistic: 'Average' });
    s.api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
    });
    for (const alarm of Object.values(s.api.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    }
    s.api.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('runs the deadline sweeper every minute, without retries, and alarms when a return goes overdue', () => {
    const sweeper = logicalId(s.stacks.api.deadlineSweeper.function.function, s.stacks.api);
    s.api.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [sweeper, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
        }),
      ],
    });
    s.api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ReturnOverdue',
      Namespace: 'Returns/prod',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('hard-codes no resource names, so stages can share an account', () => {
    const nameProps = [
      'TableName',
      'FunctionName',
      'RoleName',
      'TopicName',
      'QueueName',
      'LogGroupName',
      'DashboardName',
      'AlarmName',
      'KeyName',
      'StateMachineName',
    ];
    for (const template of [s.data, s.api]) {
      for (const [id, r] of Object.entries(template.toJSON().Resources as Resources)) {
        // A reference to another resource's generated name is fine; a literal is a fixed name.
        for (const prop of nameProps) expect(typeof r.Properties?.[prop], `${id}.${prop}`).not.toBe('string');
      }
    }
    s.api.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: `prod-returns-${region}-api-seller` });
  });
});
