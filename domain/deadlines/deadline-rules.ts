import * as z from '../zod.js';
import { MarketplaceSchema, type Marketplace } from '../marketplaces.js';
import type { Status } from '../return.js';
import { CalendarSchema } from './holiday-rules.js';
import { CALENDARS } from './calendars.js';
import { AuthoritySchema, ChannelSchema, DeadlineActionSchema, type Channel } from './deadline.js';

/**
 * The deadlines platforms and laws set a seller, as data: each rule says in which stage of a return it
 * runs, from which moment, for how long, and where it comes from. Validated with zod when the CDK app
 * synthesizes (infra/config/index.ts) and by test/domain/deadlines/deadline-rules.test.ts.
 */

/**
 * Where a return stands as deadlines see it. Keyed on statuses, so a new status is one line here (the
 * type refuses a status left out): REFUND_DUE holds every status in which the refund is owed and not
 * yet paid, however it is paid. NEEDS_ATTENTION counts as the status a retry resumes.
 */
export const DEADLINE_STAGES = ['REQUESTED', 'AUTHORIZED', 'RETURNING', 'REFUND_DUE'] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

export const STAGE_OF_STATUS: Readonly<Record<Status, DeadlineStage | 'NONE' | 'RESUME_STATUS'>> = {
  AUTHORIZATION_REQUIRED: 'REQUESTED',
  AUTHORIZED: 'AUTHORIZED', // REFUND_DUE when returnless: nothing comes back
  LABEL_ISSUED: 'RETURNING',
  IN_TRANSIT: 'RETURNING',
  DELIVERED: 'REFUND_DUE',
  INSPECTED: 'REFUND_DUE',
  REFUND_PENDING_APPROVAL: 'REFUND_DUE',
  REFUND_IN_PROGRESS: 'REFUND_DUE',
  REFUND_PENDING_PAYOUT: 'REFUND_DUE', // paid by hand, still owed
  REFUNDED: 'NONE',
  COMPLETED: 'NONE',
  CLOSED: 'NONE',
  CANCELLED: 'NONE',
  NEEDS_ATTENTION: 'RESUME_STATUS',
};

/**
 * The moment a period runs from: the buyer's request (their withdrawal notice), the delivery of the
 * order to the buyer, or the seller's receipt of the item (for a returnless refund, the authorization).
 */
export const DeadlineStartSchema = z.enum(['REQUEST', 'DELIVERY_TO_BUYER', 'RECEIPT']);
export type DeadlineStart = z.infer<typeof DeadlineStartSchema>;

const count = z.number().check(z.int(), z.gte(1), z.lte(366));

/**
 * How long: exact hours, or to the end of a local day, counting calendar days or business days of the
 * marketplace's calendar. `includesStartDay`: the start's own day is day 1 (Japan's 8 days).
 */
export const PeriodSchema = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('hours'), count }),
  z.strictObject({ unit: z.literal('calendarDays'), count, includesStartDay: z.optional(z.boolean()) }),
  z.strictObject({ unit: z.literal('businessDays'), count }),
]);
export type Period = z.infer<typeof PeriodSchema>;

export const DeadlineRuleSchema = z.strictObject({
  id: z.string().check(z.regex(/^[A-Z][A-Z0-9_]+$/, 'must be an UPPER_SNAKE rule id')),
  authority: AuthoritySchema,
  action: DeadlineActionSchema,
  stages: z.array(z.enum(DEADLINE_STAGES)).check(z.minLength(1)),
  from: DeadlineStartSchema,
  period: PeriodSchema,
  /**
   * The EU's and UK's: the refund may wait until the item is back or the buyer proves sending it,
   * whichever is first (the first carrier scan is that proof), so the date moves to that moment when it
   * comes after the statutory date, and the deadline is open only once one of them is known.
   */
  withhold: z.optional(z.literal('UNTIL_RECEIVED_OR_PROOF_OF_SENDING')),
  /** Japan's: only a request made within the period is a statutory withdrawal. */
  onlyRequestsWithinPeriod: z.optional(z.boolean()),
  /** What the rule asks, in one sentence (the explanation's first). */
  summary: z.string().check(z.minLength(1)),
  source: z.string().check(z.minLength(1)),
});
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

const JURISDICTIONS = ['US', 'CA', 'MX', 'EU', 'UK', 'JP'] as const;

export const DeadlineRulesSchema = z
  .strictObject({
    platforms: z.record(ChannelSchema, z.array(DeadlineRuleSchema)),
    laws: z.record(z.enum(JURISDICTIONS), z.array(DeadlineRuleSchema)),
    marketplaces: z.record(
      MarketplaceSchema,
      z.strictObject({
        jurisdiction: z.enum(JURISDICTIONS),
        /** The channels a return of this marketplace may name; the first is the default. */
        channels: z.array(ChannelSchema).check(z.minLength(1)),
        calendar: CalendarSchema,
      }),
    ),
  })
  .check(
    z.superRefine((rules, ctx) => {
      const all = [...Object.values(rules.platforms), ...Object.values(rules.laws)].flat();
      const seen = new Set<string>();
      for (const rule of all) {
        if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['id'], message: `${rule.id} twice` });
        seen.add(rule.id);
      }
      for (const [code, m] of Object.entries(rules.marketplaces)) {
        if (new Set(m.channels).size !== m.channels.length) {
          ctx.addIssue({
            code: 'custom',
            path: ['marketplaces', code, 'channels'],
            message: 'must not repeat',
          });
        }
      }
    }),
  );
export type DeadlineRules = z.infer<typeof DeadlineRulesSchema>;

const AMAZON_HELP =
  'Amazon Seller Central help, "Seller-fulfilled returns" and "Return policies: refunds" (A-to-z Guarantee)';
const EBAY_HELP = 'eBay Money Back Guarantee policy and "Returns and refunds for sellers" (ebay.com/help)';

const hours24 = { unit: 'hours', count: 24 } as const;

const EU_REFUND = (authority: 'EU' | 'UK', source: string): DeadlineRule => ({
  id: `${authority}_REFUND_14_DAYS`,
  authority,
  action: 'REFUND_BY_STATUTORY_DATE',
  stages: ['REQUESTED', 'AUTHORIZED', 'RETURNING', 'REFUND_DUE'],
  from: 'REQUEST',
  period: { unit: 'calendarDays', count: 14 },
  withhold: 'UNTIL_RECEIVED_OR_PROOF_OF_SENDING',
  summary:
    'The refund is due within 14 days of the buyer’s withdrawal; the seller may withhold it until the goods are back or the buyer proves sending them, whichever comes first.',
  source,
});

export const DEADLINE_RULES: DeadlineRules = {
  platforms: {
    amazon: [
      {
        id: 'AMAZON_AUTHORIZATION_24_HOURS',
        authority: 'amazon',
        action: 'RESPOND_TO_REQUEST',
        stages: ['REQUESTED'],
        from: 'REQUEST',
        period: hours24,
        summary: 'Amazon asks the seller to answer a request that needs authorization within 24 hours.',
        source: AMAZON_HELP,
      },
      {
        id: 'AMAZON_LABEL_24_HOURS',
        authority: 'amazon',
        action: 'ISSUE_LABEL',
        stages: ['AUTHORIZED'],
        from: 'REQUEST',
        period: hours24,
        summary: 'Amazon’s 24 hours to answer include the prepaid return label an authorization gives.',
        source: AMAZON_HELP,
      },
      {
        id: 'AMAZON_REFUND_2_BUSINESS_DAYS',
        authority: 'amazon',
        action: 'REFUND_AFTER_RECEIPT',
        stages: ['REFUND_DUE'],
        from: 'RECEIPT',
        period: { unit: 'businessDays', count: 2 },
        summary:
          'Amazon asks for the refund within 2 business days of receiving the item, or may refund the buyer itself and charge the seller.',
        source: AMAZON_HELP,
      },
    ],
    ebay: [
      {
        id: 'EBAY_RESPOND_3_BUSINESS_DAYS',
        authority: 'ebay',
        action: 'RESPOND_TO_REQUEST',
        stages: ['REQUESTED'],
        from: 'REQUEST',
        period: { unit: 'businessDays', count: 3 },
        summary: 'eBay gives the seller 3 business days to respond to a return request.',
        source: EBAY_HELP,
      },
      {
        id: 'EBAY_LABEL_3_BUSINESS_DAYS',
        authority: 'ebay',
        action: 'ISSUE_LABEL',
        stages: ['AUTHORIZED'],
        from: 'REQUEST',
        period: { unit: 'businessDays', count: 3 },
        summary: 'eBay’s 3 business days to respond include sending the buyer a return label.',
        source: EBAY_HELP,
      },
      {
        id: 'EBAY_REFUND_5_BUSINESS_DAYS',
        authority: 'ebay',
        action: 'REFUND_AFTER_RECEIPT',
        stages: ['REFUND_DUE'],
        from: 'RECEIPT',
        period: { unit: 'businessDays', count: 5 },
        summary:
          'eBay asks for the refund within 5 business days of receiving the item, or may step in under its Money Back Guarantee.',
        source: EBAY_HELP,
      },
    ],
    'own-store': [],
  },
  laws: {
    US: [],
    CA: [],
    MX: [],
    EU: [
      EU_REFUND(
        'EU',
        'Directive 2011/83/EU art. 13(1) and 13(3) (the 14-day withdrawal period of art. 9; the exceptions of art. 16 are never withdrawn from)',
      ),
    ],
    UK: [
      EU_REFUND(
        'UK',
        'Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013, reg. 34(4)-(6)',
      ),
    ],
    JP: [
      {
        id: 'JP_WITHDRAWAL_8_DAYS',
        authority: 'JP',
        action: 'RESPOND_TO_REQUEST',
        stages: ['REQUESTED'],
        from: 'DELIVERY_TO_BUYER',
        period: { unit: 'calendarDays', count: 8, includesStartDay: true },
        onlyRequestsWithinPeriod: true,
        summary:
          'A buyer may withdraw within 8 days of delivery, the delivery day included, unless the return terms were shown; such a withdrawal is to be accepted within that period.',
        source: 'Act on Specified Commercial Transactions (特定商取引法) art. 15-3',
      },
    ],
  },
  marketplaces: {
    US: { jurisdiction: 'US', channels: ['amazon', 'ebay', 'own-store'], calendar: CALENDARS.US },
    CA: { jurisdiction: 'CA', channels: ['amazon', 'ebay', 'own-store'], calendar: CALENDARS.CA },
    MX: { jurisdiction: 'MX', channels: ['amazon', 'own-store'], calendar: CALENDARS.MX },
    UK: { jurisdiction: 'UK', channels: ['amazon', 'ebay', 'own-store'], calendar: CALENDARS.UK },
    DE: { jurisdiction: 'EU', channels: ['amazon', 'ebay', 'own-store'], calendar: CALENDARS.DE },
    FR: { jurisdiction: 'EU', channels: ['amazon', 'ebay', 'own-store'], calendar: CALENDARS.FR },
    IT: { jurisdiction: 'EU', channels: ['amazon', 'ebay', 'own-store'], calendar: CALENDARS.IT },
    ES: { jurisdiction: 'EU', channels: ['amazon', 'ebay', 'own-store'], calendar: CALENDARS.ES },
    JP: { jurisdiction: 'JP', channels: ['amazon', 'own-store'], calendar: CALENDARS.JP },
  },
};

/** The marketplace's channel when a return names none: its first. */
export const defaultChannel = (marketplace: Marketplace, rules: DeadlineRules = DEADLINE_RULES): Channel =>
  rules.marketplaces[marketplace]!.channels[0]!;

/** A channel the marketplace does not have (eBay has no Japanese or Mexican site) is refused on create. */
export const channelIssues = (
  marketplace: Marketplace,
  channel: Channel | undefined,
  rules: DeadlineRules = DEADLINE_RULES,
): { field: string; rule: string }[] => {
  const channels = rules.marketplaces[marketplace]!.channels;
  return channel === undefined || channels.includes(channel)
    ? []
    : [{ field: 'channel', rule: `must be one of ${channels.join(', ')} for marketplace ${marketplace}` }];
};

/** Every way `rules` breaks DeadlineRulesSchema, as `path: rule` lines; empty when it holds. */
export const deadlineRuleProblems = (rules: unknown): string[] => {
  const result = DeadlineRulesSchema.safeParse(rules);
  return result.success
    ? []
    : result.error.issues.map(
        (issue) => `${issue.path.map(String).join('.') || '(rules)'}: ${issue.message}`,
      );
};
