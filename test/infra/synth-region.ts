import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import { loadRegionConfig, type RegionConfig } from '../../infra/config/index.js';
import { addRegionStacks, type RegionStacks } from '../../infra/region-stacks.js';
import type { ReturnsFunction } from '../../infra/constructs/returns-function.js';

export interface SynthesizedRegion {
  app: App;
  config: RegionConfig;
  stacks: RegionStacks;
  data: Template;
  api: Template;
}

/**
 * Builds the regions' stacks in one app, exactly as infra/app.ts does (nag packs included), so each
 * function is bundled once for all regions. `bundle: false` skips esbuild (CDK's bundling-stacks
 * context) for tests that read only the templates.
 */
export const synthRegions = (
  regions: readonly string[],
  { bundle }: { bundle: boolean },
): Map<string, SynthesizedRegion> => {
  const app = new App({ context: bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const built = regions.map((region) => {
    const config = loadRegionConfig(region);
    return { region, config, stacks: addRegionStacks(app, 'prod', config) };
  });
  return new Map(
    built.map(({ region, config, stacks }) => [
      region,
      { app, config, stacks, data: Template.fromStack(stacks.stateful), api: Template.fromStack(stacks.api) },
    ]),
  );
};

/** The CloudFormation logical id of an L2 construct's resource. */
export const logicalId = (
  construct: { node: { defaultChild?: unknown } },
  stack: RegionStacks['api'],
): string => stack.getLogicalId(construct.node.defaultChild as CfnResource);

/** Every function of the API stack, by route name, the authorizer as `Authorizer`. */
export const functionsByName = (stacks: RegionStacks): Map<string, ReturnsFunction> =>
  new Map([['Authorizer', stacks.api.sellerApi.authorizerFunction], ...stacks.api.sellerApi.routeFunctions]);
