import * as z from '../zod.js';

/**
 * Where the buyer bought: the platform whose rules bind the seller besides the law. A return says it
 * (`channel` on the create body); without it, the marketplace's default (deadline-rules.ts).
 */
export const CHANNELS = ['amazon', 'ebay', 'own-store'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

/** What the seller must do next. */
export const DEADLINE_ACTIONS = [
  /** Authorize or close a request that waits for the seller. */
  'RESPOND_TO_REQUEST',
  /** Give the buyer the prepaid label for an authorized return. */
  'ISSUE_LABEL',
  /** Refund once the item is back (or at once, for a returnless refund). */
  'REFUND_AFTER_RECEIPT',
  /** Refund by the date the law sets from the buyer's withdrawal. */
  'REFUND_BY_STATUTORY_DATE',
] as const;
export const DeadlineActionSchema = z.enum(DEADLINE_ACTIONS);
export type DeadlineAction = z.infer<typeof DeadlineActionSchema>;

/** Each action in words, for explanations, the timeline and mails. */
export const ACTION_WORDS: Readonly<Record<DeadlineAction, string>> = {
  RESPOND_TO_REQUEST: 'authorize or close the request',
  ISSUE_LABEL: 'issue the return label',
  REFUND_AFTER_RECEIPT: 'refund the buyer',
  REFUND_BY_STATUTORY_DATE: 'refund the buyer',
};

/** Who sets a deadline: a platform, or a jurisdiction's law. */
export const AUTHORITIES = ['amazon', 'ebay', 'EU', 'UK', 'JP'] as const;
export const AuthoritySchema = z.enum(AUTHORITIES);

/** The rule that set a deadline, with the numbers it used (as an eligibility RuleCheck shows them). */
export const DeadlineRuleRefSchema = z.object({
  id: z.string(),
  authority: AuthoritySchema,
  source: z.string(),
  numbers: z.record(z.string(), z.union([z.number(), z.string()])),
});

/** The next thing the seller must do on a return, by when, and why. */
export const DeadlineSchema = z.object({
  action: DeadlineActionSchema,
  dueAt: z.string(),
  rule: DeadlineRuleRefSchema,
  explanation: z.string(),
  /** When the rule's period began: a reminder comes when a share of the time from here is left. */
  startedAt: z.string(),
  /** When the seller was reminded of this deadline. */
  remindedAt: z.optional(z.string()),
  /** When this deadline was found passed. */
  overdueAt: z.optional(z.string()),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

/** The same deadline: the same rule setting the same date (its reminder and overdue marks carry over). */
export const isDeadline = (deadline: Deadline, ruleId: string, dueAt: string): boolean =>
  deadline.rule.id === ruleId && deadline.dueAt === dueAt;
