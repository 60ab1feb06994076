import { regionConfigSchemaFor, type RegionConfig } from './region-config-schema.js';
import { RegionConfigError } from './region-config-error.js';
import { usEast1 } from './us-east-1.js';
import { euWest1 } from './eu-west-1.js';
import { apNortheast1 } from './ap-northeast-1.js';
import { DEADLINE_RULES, deadlineRuleProblems } from '../../domain/deadlines/deadline-rules.js';

export type { RegionConfig, MarketplaceConfig } from './region-config-schema.js';
export { RegionConfigError } from './region-config-error.js';

/** Every region this product deploys to, keyed by region code. Add a file and a line to add a region. */
const REGION_CONFIGS: Readonly<Record<string, unknown>> = {
  'us-east-1': usEast1,
  'eu-west-1': euWest1,
  'ap-northeast-1': apNortheast1,
};

export const CONFIGURED_REGIONS: readonly string[] = Object.keys(REGION_CONFIGS);

/** Validates `input` as the config registered under `region`; throws a RegionConfigError naming each rule. */
export const parseRegionConfig = (region: string, input: unknown): RegionConfig => {
  const result = regionConfigSchemaFor(region).safeParse(input);
  if (!result.success) throw RegionConfigError.fromZod(region, result.error);
  return result.data;
};

/**
 * The deadline rules and calendars every region deploys (domain/deadlines/deadline-rules.ts), checked
 * like a region config: a broken rule stops the synth, naming its key.
 */
export const checkDeadlineRules = (region: string, rules: unknown = DEADLINE_RULES): void => {
  const problems = deadlineRuleProblems(rules);
  if (problems.length > 0)
    throw new RegionConfigError(
      region,
      problems.map((p) => `deadlineRules.${p}`),
    );
};

/** The validated config of a configured region; an unknown region fails listing the configured ones. */
export const loadRegionConfig = (region: string): RegionConfig => {
  if (!Object.hasOwn(REGION_CONFIGS, region)) {
    throw new RegionConfigError(region, [
      `region: must be one of the configured regions (${CONFIGURED_REGIONS.join(', ')}); ` +
        `add infra/config/${region}.ts and register it in infra/config/index.ts to deploy there`,
    ]);
  }
  checkDeadlineRules(region);
  return parseRegionConfig(region, REGION_CONFIGS[region]);
};
