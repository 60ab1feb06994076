import { Duration, Stack } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestValidator,
  RestApi,
  TokenAuthorizer,
} from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { ApiRoute } from '../api-routes.js';
import { ApiWaf } from './api-waf.js';
import { bindCarrierSecrets } from './bind-carrier-secrets.js';
import { bindConnectionSecrets } from './bind-connection-secrets.js';
import { bindLinkSigning } from './bind-link-signing.js';
import { bindPipeline } from './bind-pipeline.js';
import { bindStripePlatform } from './bind-stripe-platform.js';
import { bindTable } from './bind-table.js';
import { addProblemGatewayResponses } from './problem-gateway-responses.js';
import { ReturnsFunction, type FunctionObservability } from './returns-function.js';

export interface SellerApiProps {
  routes: readonly ApiRoute[];
  /** The Lambda authorizer module that resolves `Authorization: Bearer <apiKey>` to a sellerId. */
  authorizerEntry: string;
  table: ITable;
  /** The return pipeline: routes with `access.pipeline` start or resume its runs. */
  stateMachine: IStateMachine;
  /** The carriers' webhook signing secrets, for routes with `access.carrierSecrets`. */
  carrierSecrets: ISecret;
  /** Sellers' connection secrets' key, for routes with `access.connectionSecrets`. */
  connectionSecretsKey: IKey;
  /** The region's Stripe Connect platform secret, if it has one, for routes with `access.stripePlatform`. */
  stripePlatform?: ISecret;
  /** The buyer links' HMAC key, for routes with `access.linkSigning`. */
  linkSigningKey: IKey;
  throttling: { rateLimit: number; burstLimit: number };
  waf?: { enabled: boolean; rateLimitPer5Min: number };
  stageName: string;
  observability: FunctionObservability;
  /** Extra environment every route function gets (not the authorizer). */
  routeEnvironment?: Record<string, string>;
}

/** Fields of the JSON access log; `sellerId` comes from the authorizer's context. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integration.latency',
  integrationStatus: '$context.integration.status',
  errorType: '$context.error.responseType',
  errorMessage: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  sellerId: '$context.authorizer.sellerId',
  xrayTraceId: '$context.xrayTraceId',
  wafStatus: '$context.waf.status',
};

/** Why a public route is public: a public route without a reason here fails the synth. */
const publicReason = (route: ApiRoute): string => {
  if (route.path === '/v1/openapi.json') return 'public by design: OpenAPI document';
  if (route.path.startsWith('/v1/webhooks/')) return 'public by design: HMAC-authenticated in the function';
  if (route.path.startsWith('/v1/buyer/'))
    return "public by design: buyers hold no key; the link's KMS HMAC is verified in the function";
  throw new Error(
    `route ${route.name}: auth is "public" but infra/constructs/seller-api.ts has no reason for it`,
  );
};

const pathParameters = (path: string): string[] => [...path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1] ?? '');

/**
 * The seller REST API: one function and one Lambda proxy integration per route in the route table,
 * each granted exactly its route's `access`; a TOKEN authorizer in front of every seller route;
 * stage throttling from the region config; JSON access logs; X-Ray; problem+json gateway responses;
 * and, when the config says so, a WAF rate rule.
 */
export class SellerApi extends Construct {
  readonly api: RestApi;
  readonly authorizerFunction: ReturnsFunction;
  /** Route functions by route name. */
  readonly routeFunctions = new Map<string, ReturnsFunction>();
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: SellerApiProps) {
    super(scope, id);

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.api = new RestApi(this, 'Api', {
      // API Gateway metrics are keyed by API name: derive it from the stack so two stages' alarms
      // never read each other's numbers (names need not be unique; this one is, without being fixed).
      restApiName: `${Stack.of(this).stackName}-seller`,
      description: 'Returns & refunds seller API (v1)',
      endpointTypes: [EndpointType.REGIONAL],
      // The API Gateway CloudWatch role is an account-wide singleton; see the APIG6 suppression below.
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.stageName,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        tracingEnabled: true,
        loggingLevel: MethodLoggingLevel.OFF,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    addProblemGatewayResponses(this.api);
    NagSuppressions.addResourceSuppressions(this.api, [
      {
        id: 'AwsSolutions-APIG2',
        reason:
          "Path parameters are validated by the PathParameters request validator; bodies are validated once, by the handlers' zod schemas, so deployed and local runs give the same field-level problem+json",
      },
    ]);

    this.authorizerFunction = new ReturnsFunction(this, 'Authorizer', {
      entry: props.authorizerEntry,
      description: 'Resolves a seller API key to a sellerId',
      observability: props.observability,
      timeout: Duration.seconds(5),
    });
    bindTable(this.authorizerFunction, props.table, 'read');
    const authorizer = new TokenAuthorizer(this, 'ApiKeyAuthorizer', {
      handler: this.authorizerFunction.function,
      identitySource: 'method.request.header.Authorization',
      // Malformed headers are refused by API Gateway without invoking (or paying for) the authorizer.
      validationRegex: '^Bearer [^\\s]+$',
      // No cache: a revoked key must get 401 on its very next request. The price is one authorizer run
      // (a single GetItem) per request, which is small next to a leaked key that keeps working.
      resultsCacheTtl: Duration.seconds(0),
    });

    // Only path parameters are checked at the gateway: bodies are validated once, by the handlers' zod
    // schemas, so deployed and local runs answer a bad body with the same field-level problem+json.
    const validator = new RequestValidator(this, 'PathParameters', {
      restApi: this.api,
      validateRequestParameters: true,
      validateRequestBody: false,
    });

    for (const route of props.routes) {
      const fn = new ReturnsFunction(this, route.name, {
        entry: route.entry,
        description: `${route.method} ${route.path}`,
        observability: props.observability,
      });
      for (const [key, value] of Object.entries(props.routeEnvironment ?? {}))
        fn.function.addEnvironment(key, value);
      if (route.access.table) bindTable(fn, props.table, route.access.table);
      if (route.access.pipeline) bindPipeline(fn, props.stateMachine, route.access.pipeline);
      if (route.access.carrierSecrets) bindCarrierSecrets(fn, props.carrierSecrets);
      if (route.access.connectionSecrets) {
        bindConnectionSecrets(fn, props.connectionSecretsKey, route.access.connectionSecrets);
      }
      if (route.access.stripePlatform && props.stripePlatform) {
        bindStripePlatform(fn, props.stripePlatform, route.access.stripePlatform);
      }
      if (route.access.linkSigning) bindLinkSigning(fn, props.linkSigningKey, route.access.linkSigning);
      this.routeFunctions.set(route.name, fn);

      const params = pathParameters(route.path);
      const method = this.api.root
        .resourceForPath(route.path)
        .addMethod(route.method, new LambdaIntegration(fn.function, { allowTestInvoke: false }), {
          ...(route.auth === 'seller'
            ? { authorizer, authorizationType: AuthorizationType.CUSTOM }
            : { authorizationType: AuthorizationType.NONE }),
          ...(params.length > 0
            ? {
                requestValidator: validator,
                requestParameters: Object.fromEntries(params.map((p) => [`method.request.path.${p}`, true])),
              }
            : {}),
        });
      NagSuppressions.addResourceSuppressions(
        method,
        route.auth === 'seller'
          ? [
              {
                id: 'AwsSolutions-COG4',
                reason:
                  'Sellers authenticate with per-seller API keys resolved by the Lambda authorizer (DESIGN §2), not Cognito users',
              },
            ]
          : [
              { id: 'AwsSolutions-APIG4', reason: publicReason(route) },
              { id: 'AwsSolutions-COG4', reason: publicReason(route) },
            ],
      );
    }

    const stage = this.api.deploymentStage;
    if (props.waf?.enabled) {
      new ApiWaf(this, 'Waf', { stage, rateLimitPer5Min: props.waf.rateLimitPer5Min });
    }
    NagSuppressions.addResourceSuppressions(stage, [
      {
        id: 'AwsSolutions-APIG6',
        reason:
          'JSON access logs record every request; execution logging needs the account-wide API Gateway CloudWatch role, a per-account singleton that stages sharing an account would overwrite (set it up once per account to enable)',
      },
      ...(props.waf?.enabled
        ? []
        : [
            {
              id: 'AwsSolutions-APIG3',
              reason:
                'WAF is disabled for this region in its infra/config file (waf.enabled: false); stage throttling caps the request rate',
            },
          ]),
    ]);
  }
}
