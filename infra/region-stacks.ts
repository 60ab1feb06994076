import { Tags, type App } from 'aws-cdk-lib';
import type { RegionConfig } from './config/index.js';
import { applyNagPacks } from './nag-packs.js';
import { ApiStack } from './stacks/api-stack.js';
import { StatefulStack } from './stacks/stateful-stack.js';

export interface RegionStacks {
  stateful: StatefulStack;
  api: ApiStack;
}

/**
 * One region's deployment: the stateful stack and the stateless stack that receives its table. Ids
 * (and so stack names) carry the stage and the region; no resource inside is given a fixed name, so
 * any number of stages and regions can share an account.
 */
export const addRegionStacks = (app: App, stage: string, config: RegionConfig): RegionStacks => {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region };
  const prefix = `${stage}-returns-${config.region}`;
  const stateful = new StatefulStack(app, `${prefix}-data`, {
    env,
    description: `Returns & refunds data (${stage}, ${config.region})`,
  });
  const api = new ApiStack(app, `${prefix}-api`, {
    env,
    description: `Returns & refunds API (${stage}, ${config.region})`,
    config,
    stage,
    table: stateful.table,
    carrierSecrets: stateful.carrierSecrets,
    connectionSecretsKey: stateful.connectionSecretsKey,
  });
  for (const stack of [stateful, api]) {
    Tags.of(stack).add('app', 'returns');
    Tags.of(stack).add('stage', stage);
    applyNagPacks(stack);
  }
  return { stateful, api };
};
