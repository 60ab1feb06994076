import { z } from 'zod';
import { MARKETPLACES, MarketplaceSchema, type Marketplace } from '../../domain/marketplaces.js';
import { CURRENCY_EXPONENTS, type Currency } from '../../domain/money.js';
import { GradeSchema } from '../../domain/inspection.js';

/**
 * What one region's deployment needs to know, validated at synth so a bad config never reaches
 * CloudFormation. Every rule's message names the rule; the error formatter adds the key's path.
 */

/**
 * Marketplaces whose buyers have a statutory right of withdrawal: the EU's 14 days (Directive
 * 2011/83/EU, art. 9) and the UK's 14 days (Consumer Contracts Regulations 2013). A marketplace listed
 * here must declare `minimumWindowDays` of at least this floor, so deleting the line from a region
 * file cannot silently drop the legal minimum.
 */
export const STATUTORY_WITHDRAWAL_DAYS: Partial<Record<Marketplace, number>> = {
  UK: 14,
  DE: 14,
  FR: 14,
  IT: 14,
  ES: 14,
};

const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as [Currency, ...Currency[]];

const windowDays = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(365, 'must be at most 365 days');

const basisPoints = z
  .number()
  .int('must be whole basis points (1% = 100)')
  .min(0, 'must not be negative')
  .max(10_000, 'must be at most 10000 basis points (100%)');

const email = z.email('must be an e-mail address');

const locale = z.string().refine((tag) => {
  try {
    return /^[a-z]{2,3}-[A-Z]{2}$/.test(tag) && Intl.getCanonicalLocales(tag)[0] === tag;
  } catch {
    return false;
  }
}, 'must be a BCP 47 language-REGION tag such as en-US');

export const DefaultPolicySchema = z
  .object({
    /** Days from delivery, by product category; `default` covers every category not listed. */
    returnWindowDays: z
      .record(z.string().min(1).max(64), windowDays)
      .refine((w) => 'default' in w, 'must have a "default" window'),
    /** Restocking fee on buyer-remorse returns, by inspection grade, in basis points of the item price. */
    restockingFeeBasisPoints: z.partialRecord(GradeSchema, basisPoints),
    /** Who pays return freight when a buyer-remorse return crosses a border. */
    internationalRemorseFreight: z.enum(['BUYER', 'SELLER']),
  })
  .strict();

export const MarketplaceConfigSchema = z
  .object({
    code: MarketplaceSchema,
    currency: z.enum(CURRENCIES, {
      error: `must be an ISO 4217 currency code the product supports (${CURRENCIES.join(', ')})`,
    }),
    defaultLocale: locale,
    /** The legal floor for every return window in this marketplace, in days. */
    minimumWindowDays: windowDays.optional(),
    defaultPolicy: DefaultPolicySchema,
  })
  .strict()
  .superRefine((m, ctx) => {
    const expected = MARKETPLACES[m.code].currency;
    if (m.currency !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: `must be ${expected}, the ISO 4217 currency of marketplace ${m.code}`,
      });
    }
    const statutory = STATUTORY_WITHDRAWAL_DAYS[m.code];
    if (statutory !== undefined && (m.minimumWindowDays ?? 0) < statutory) {
      ctx.addIssue({
        code: 'custom',
        path: ['minimumWindowDays'],
        message: `must be at least ${statutory} days: buyers in ${m.code} have a statutory ${statutory}-day right of withdrawal`,
      });
    }
    const floor = Math.max(m.minimumWindowDays ?? 0, statutory ?? 0);
    for (const [category, days] of Object.entries(m.defaultPolicy.returnWindowDays)) {
      if (days < floor) {
        ctx.addIssue({
          code: 'custom',
          path: ['defaultPolicy', 'returnWindowDays', category],
          message: `must be at least ${floor} days, the legal minimum return window in ${m.code} (minimumWindowDays)`,
        });
      }
    }
  });

export const RegionConfigSchema = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region code such as eu-west-1'),
    marketplaces: z
      .array(MarketplaceConfigSchema)
      .min(1, 'must list at least one marketplace')
      .refine((ms) => new Set(ms.map((m) => m.code)).size === ms.length, 'must not list a marketplace twice'),
    ses: z
      .object({
        /** The From address of buyer e-mail. */
        senderEmail: email,
        /** The verified SES identity that authorizes the sender: the address itself, or its domain. */
        identity: z.string().min(1).optional(),
        /** An existing SES configuration set (event publishing, suppression); optional. */
        configurationSetName: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
          .optional(),
      })
      .strict(),
    apiThrottling: z
      .object({
        /** Steady-state requests per second for the whole stage. */
        rateLimit: z.number().positive('must be greater than 0'),
        /** Token-bucket size: the largest burst the stage accepts. */
        burstLimit: z.number().int('must be a whole number of requests').positive('must be greater than 0'),
      })
      .strict()
      .refine((t) => t.burstLimit >= t.rateLimit, {
        path: ['burstLimit'],
        message: 'must be at least rateLimit (burst >= rate > 0)',
      }),
    alarmEmail: email,
    waf: z
      .object({
        enabled: z.boolean(),
        /** Requests per client IP per 5 minutes before WAF blocks it. */
        rateLimitPer5Min: z
          .number()
          .int('must be a whole number of requests')
          .min(10, 'must be at least 10 (the WAF minimum)')
          .max(2_000_000_000, 'must be at most 2000000000 (the WAF maximum)'),
      })
      .strict()
      .optional(),
    /**
     * The region's Stripe Connect platform, where sellers may connect by account id: a Secrets Manager
     * secret in this region, `{ "secretKey": "sk_...", "webhookSecret": "whsec_..." }` (the platform's
     * key and its Connect webhook endpoint's signing secret), by its complete ARN (with the random suffix).
     */
    stripeConnect: z
      .object({
        platformSecretArn: z
          .string()
          .regex(
            /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/,
            'must be the complete ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)',
          ),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const arn = c.stripeConnect?.platformSecretArn;
    if (arn !== undefined && arn.split(':')[3] !== c.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['stripeConnect', 'platformSecretArn'],
        message: `must be a secret in ${c.region}, the region it is read in`,
      });
    }
  });

/** What a region file holds (before defaults and checks). */
export type RegionConfigInput = z.input<typeof RegionConfigSchema>;
/** A validated region config. */
export type RegionConfig = z.output<typeof RegionConfigSchema>;
export type MarketplaceConfig = RegionConfig['marketplaces'][number];

/** The schema for the file registered under `key`: its `region` must equal that key. */
export const regionConfigSchemaFor = (key: string) =>
  RegionConfigSchema.refine((c) => c.region === key, {
    path: ['region'],
    message: `must equal the region it is registered under ("${key}")`,
  });
