import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONFIGURED_REGIONS,
  loadRegionConfig,
  parseRegionConfig,
  RegionConfigError,
} from '../../infra/config/index.js';
import { euWest1 } from '../../infra/config/eu-west-1.js';
import { usEast1 } from '../../infra/config/us-east-1.js';
import { parseStageName } from '../../infra/stage-name.js';
import { REPO_ROOT } from '../../infra/repo-root.js';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A deep copy of a valid region file, broken by `mutate`. */
const broken = (base: object, mutate: (c: Mutable) => void): Mutable => {
  const copy = structuredClone(base) as Mutable;
  mutate(copy);
  return copy;
};

/** The config error `parseRegionConfig` throws, whose message must name the key and the rule. */
const failureOf = (region: string, input: unknown): string => {
  try {
    parseRegionConfig(region, input);
  } catch (error) {
    expect(error).toBeInstanceOf(RegionConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
};

describe('region configs', () => {
  it.each(CONFIGURED_REGIONS)('%s is valid and keyed by its own region code', (region) => {
    expect(loadRegionConfig(region).region).toBe(region);
  });

  it('serves the planned marketplaces per region', () => {
    const codes = (r: string) => loadRegionConfig(r).marketplaces.map((m) => m.code);
    expect(codes('us-east-1')).toEqual(['US', 'CA', 'MX']);
    expect(codes('eu-west-1')).toEqual(['UK', 'DE', 'FR', 'IT', 'ES']);
    expect(codes('ap-northeast-1')).toEqual(['JP']);
  });

  it('refuses an unknown region, listing the configured ones', () => {
    expect(() => loadRegionConfig('sa-east-1')).toThrow(RegionConfigError);
    expect(() => loadRegionConfig('sa-east-1')).toThrow(
      /region: must be one of the configured regions \(us-east-1, eu-west-1, ap-northeast-1\)/,
    );
  });
});

describe('region config rules', () => {
  it('a Stripe Connect platform secret must be a complete Secrets Manager ARN in the region', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:returns/stripe-connect-AbCdEf';
    const withArn = (platformSecretArn: string) =>
      broken(usEast1, (c) => {
        c.stripeConnect = { platformSecretArn };
      });
    expect(parseRegionConfig('us-east-1', withArn(arn)).stripeConnect).toEqual({ platformSecretArn: arn });
    expect(
      failureOf('us-east-1', withArn('arn:aws:secretsmanager:us-east-1:123456789012:secret:returns')),
    ).toMatch(/stripeConnect\.platformSecretArn: must be the complete ARN of a Secrets Manager secret/);
    expect(failureOf('us-east-1', withArn(arn.replace('us-east-1', 'eu-west-1')))).toMatch(
      /stripeConnect\.platformSecretArn: must be a secret in us-east-1/,
    );
  });

  it('a currency must be an ISO 4217 code', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.marketplaces[0].currency = 'US$')),
    );
    expect(message).toContain('marketplaces[0].currency: must be an ISO 4217 currency code');
  });

  it("a currency must be its marketplace's", () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.marketplaces[1].currency = 'USD')),
    );
    expect(message).toContain(
      'marketplaces[1].currency: must be CAD, the ISO 4217 currency of marketplace CA',
    );
  });

  it('a return window must be at least 1 day', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.marketplaces[0].defaultPolicy.returnWindowDays.toys = 0)),
    );
    expect(message).toContain('marketplaces[0].defaultPolicy.returnWindowDays.toys: must be at least 1 day');
  });

  it('a return window must be at most 365 days', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.marketplaces[0].defaultPolicy.returnWindowDays.default = 366)),
    );
    expect(message).toContain(
      'marketplaces[0].defaultPolicy.returnWindowDays.default: must be at most 365 days',
    );
  });

  it('the return windows must include `default`', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => delete c.marketplaces[2].defaultPolicy.returnWindowDays.default),
    );
    expect(message).toContain('marketplaces[2].defaultPolicy.returnWindowDays: must have a "default" window');
  });

  it('a restocking fee must be at most 10000 basis points', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.marketplaces[0].defaultPolicy.restockingFeeBasisPoints.USED = 12_000)),
    );
    expect(message).toContain(
      'marketplaces[0].defaultPolicy.restockingFeeBasisPoints.USED: must be at most 10000 basis points',
    );
  });

  it('an EU/UK return window must respect the 14-day withdrawal floor', () => {
    const message = failureOf(
      'eu-west-1',
      broken(
        euWest1,
        (c) =>
          (c.marketplaces[1].defaultPolicy = {
            ...c.marketplaces[1].defaultPolicy,
            returnWindowDays: { default: 30, apparel: 10 },
          }),
      ),
    );
    expect(message).toContain(
      'marketplaces[1].defaultPolicy.returnWindowDays.apparel: must be at least 14 days, the legal minimum return window in DE (minimumWindowDays)',
    );
  });

  it('an EU/UK marketplace must declare its statutory floor', () => {
    const message = failureOf(
      'eu-west-1',
      broken(euWest1, (c) => delete c.marketplaces[0].minimumWindowDays),
    );
    expect(message).toContain(
      'marketplaces[0].minimumWindowDays: must be at least 14 days: buyers in UK have a statutory 14-day right of withdrawal',
    );
  });

  it('a marketplace may be listed once', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => c.marketplaces.push(c.marketplaces[0])),
    );
    expect(message).toContain('marketplaces: must not list a marketplace twice');
  });

  it('the throttling rate must be greater than 0', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.apiThrottling.rateLimit = 0)),
    );
    expect(message).toContain('apiThrottling.rateLimit: must be greater than 0');
  });

  it('the throttling burst must be at least the rate', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.apiThrottling.burstLimit = 50)),
    );
    expect(message).toContain('apiThrottling.burstLimit: must be at least rateLimit (burst >= rate > 0)');
  });

  it('the alarm e-mail must be an e-mail address', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.alarmEmail = 'ops team')),
    );
    expect(message).toContain('alarmEmail: must be an e-mail address');
  });

  it('the SES sender must be an e-mail address', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.ses.senderEmail = 'returns.example.com')),
    );
    expect(message).toContain('ses.senderEmail: must be an e-mail address');
  });

  it('the WAF rate limit must be within what WAF accepts', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.waf.rateLimitPer5Min = 5)),
    );
    expect(message).toContain('waf.rateLimitPer5Min: must be at least 10 (the WAF minimum)');
  });

  it('the region code in the file must equal the region it is registered under', () => {
    const message = failureOf(
      'eu-west-1',
      broken(euWest1, (c) => (c.region = 'eu-central-1')),
    );
    expect(message).toContain('region: must equal the region it is registered under ("eu-west-1")');
  });

  it('unknown keys are refused, so a typo cannot silently drop a setting', () => {
    const message = failureOf(
      'us-east-1',
      broken(usEast1, (c) => (c.alarmEmails = c.alarmEmail)),
    );
    expect(message).toMatch(/\(config\): Unrecognized key: "alarmEmails"/);
  });
});

describe('synth inputs', () => {
  it('the stage defaults to prod and must be a short lowercase id', () => {
    expect(parseStageName(undefined)).toBe('prod');
    expect(parseStageName('dev-2')).toBe('dev-2');
    expect(() => parseStageName('Prod_1')).toThrow(/^stage: "Prod_1" must start with a lowercase letter/);
  });

  it('`cdk synth -c region=sa-east-1` fails with the rule, not a stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'infra/app.ts')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ region: 'sa-east-1' }),
        CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'cdk-out-')),
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid region config "sa-east-1"');
    expect(result.stderr).toContain('region: must be one of the configured regions');
    expect(result.stderr).not.toContain('    at ');
  });
});
