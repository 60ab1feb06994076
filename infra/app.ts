import { App } from 'aws-cdk-lib';
import { CONFIGURED_REGIONS, loadRegionConfig, RegionConfigError } from './config/index.js';
import { addRegionStacks } from './region-stacks.js';
import { InvalidStageError, parseStageName } from './stage-name.js';

/**
 * `cdk synth -c region=<r>` builds that region only; without it, every configured region.
 * `-c stage=<name>` (default prod) prefixes the stack ids. Configs are validated here, at synth.
 */
const app = new App();
try {
  const stage = parseStageName(app.node.tryGetContext('stage'));
  const requested: unknown = app.node.tryGetContext('region');
  const regions = requested === undefined ? CONFIGURED_REGIONS : [String(requested)];
  for (const region of regions) addRegionStacks(app, stage, loadRegionConfig(region));
} catch (error) {
  // A config mistake is the operator's to fix: show the rule, not a stack trace.
  if (error instanceof RegionConfigError || error instanceof InvalidStageError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
app.synth();
