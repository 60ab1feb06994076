import * as z from './zod.js';

/** One rule the policy engine checked, with the numbers it used. */
export const RuleCheckSchema = z.object({
  rule: z.enum(['RETURN_WINDOW', 'AUTO_AUTHORIZE', 'RETURNLESS', 'HIGH_VALUE']),
  passed: z.boolean(),
  detail: z.string(),
  numbers: z.record(z.string(), z.union([z.number(), z.string()])),
});
export type RuleCheck = z.infer<typeof RuleCheckSchema>;

/** The policy's answer to a new request, explained rule by rule. */
export const EligibilityDecisionSchema = z.object({
  outcome: z.enum(['AUTHORIZE', 'REQUIRES_AUTHORIZATION']),
  withinPolicy: z.boolean(),
  returnless: z.boolean(),
  summary: z.string(),
  checks: z.array(RuleCheckSchema),
});
export type EligibilityDecision = z.infer<typeof EligibilityDecisionSchema>;
