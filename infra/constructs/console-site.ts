import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { bundleConsole } from '../../console/bundle.js';
import { CONSOLE_CSP, CONSOLE_SECURITY_HEADERS } from '../../console/security-headers.js';
import { REPO_ROOT } from '../repo-root.js';

/** The construct id (and logical id, without `::`) prefix of the function BucketDeployment adds to the stack. */
export const DEPLOYMENT_PROVIDER_ID_PREFIX = 'Custom::CDKBucketDeployment';

export interface ConsoleSiteProps {
  /** The seller API: CloudFront sends `/v1/*` to it, so the console and the API share one origin. */
  api: RestApi;
}

/**
 * The seller console, deployed: its files in a private S3 bucket read by CloudFront through origin access
 * control, `/v1/*` routed to the REST API on the same distribution (one origin: no CORS), TLS only, and
 * the console's security headers (console/security-headers.ts) on every answer.
 */
export class ConsoleSite extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    // The built console only, replaced on every deploy. Retained on a destroy (CloudFormation cannot
    // delete a bucket with files in it, and emptying it would take one more provider function).
    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'The seller console: strict CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONSOLE_CSP, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: (['permissions-policy', 'cross-origin-opener-policy'] as const).map((header) => ({
          header,
          value: CONSOLE_SECURITY_HEADERS[header],
          override: true,
        })),
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${Stack.of(this).stackName}: the seller console and its API`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      additionalBehaviors: {
        '/v1/*': {
          // The stage's own path is the origin path; every header but Host reaches the API, nothing is cached.
          origin: new RestApiOrigin(props.api),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });

    // The copy's own role and log group, so its rights are these and no AWS managed policy.
    const deployLogs = new LogGroup(this, 'DeployLogs', { retention: RetentionDays.ONE_MONTH });
    const deployRole = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Copies the built console into its bucket and invalidates the distribution's copies",
    });
    deployLogs.grantWrite(deployRole);
    new BucketDeployment(this, 'Deploy', {
      role: deployRole,
      logGroup: deployLogs,
      // Built at synth by the same code as `npm run build:console` (skipped when a synth bundles nothing).
      sources: [
        Source.asset(join(REPO_ROOT, 'console', 'src'), {
          // Hashed by what was built: the bundle takes in domain/ too, not only console/src.
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            // Never pulled: the local bundling below always succeeds (esbuild is a dependency).
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
            local: {
              tryBundle: (outputDir) => {
                bundleConsole(outputDir);
                return true;
              },
            },
          },
        }),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/console/*'],
      memoryLimit: 256,
    });

    this.suppressNag(deployRole);
  }

  private suppressNag(deployRole: Role): void {
    NagSuppressions.addResourceSuppressions(
      deployRole,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "BucketDeployment's grants: the console bucket's objects (`<bucket>/*`), its log group's streams, and CloudFront invalidations, which take no resource narrower than the distribution's account",
        },
      ],
      true,
    );
    NagSuppressions.addResourceSuppressions(this.bucket, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'Holds the built console only (public static files, replaced on every deploy); requests to the API behind /v1 are in its JSON access logs',
      },
    ]);
    NagSuppressions.addResourceSuppressions(this.distribution, [
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Sellers sign in from any country; the API refuses what a key may not do',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          "The API stage behind /v1 has the region's own WAF where the region config enables it; a CloudFront web ACL must live in us-east-1, a cross-region dependency each region's stack avoids",
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Static files only at the default origin; the API behind /v1 keeps JSON access logs of every request',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          "The region config has no custom domain yet, so the distribution serves CloudFront's default certificate, whose security policy CloudFront fixes; a custom domain's certificate should come with minimumProtocolVersion TLS_V1_2_2021",
      },
    ]);
    // CDK's own provider function, which copies the files into the bucket at deploy time.
    const stack = Stack.of(this);
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith(DEPLOYMENT_PROVIDER_ID_PREFIX)) continue;
      NagSuppressions.addResourceSuppressions(
        child,
        [
          {
            id: 'AwsSolutions-L1',
            reason: 'CDK-managed provider function; its runtime is pinned by aws-cdk-lib',
          },
          {
            id: 'Serverless-LambdaTracing',
            reason: 'CDK-managed provider function, run at deploy time only',
          },
          {
            id: 'Serverless-LambdaDLQ',
            reason: 'CDK-managed provider, invoked synchronously by CloudFormation',
          },
          {
            id: 'Serverless-LambdaDefaultMemorySize',
            reason: 'CDK-managed provider function, run at deploy time only',
          },
          {
            id: 'Serverless-LambdaLatestVersion',
            reason: 'CDK-managed provider function; its runtime is pinned by aws-cdk-lib',
          },
          {
            id: 'Serverless-LambdaAsyncFailureDestination',
            reason: 'CDK-managed provider, invoked synchronously by CloudFormation',
          },
        ],
        true,
      );
    }
  }
}
