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
 * Builds one region's stacks in an app of its own, exactly as infra/app.ts does (nag packs included).
 * `bundle: false` skips esbuild (CDK's bundling-stacks context) for tests that read only the templates.
 */
export const synthRegion = (region: string, { bundle }: { bundle: boolean }): SynthesizedRegion => {
  const app = new App({ context: bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const config = loadRegionConfig(region);
  const stacks = addRegionStacks(app, 'prod', config);
  return {
    app,
    config,
    stacks,
    data: Template.fromStack(stacks.stateful),
    api: Template.fromStack(stacks.api),
  };
};

/** The CloudFormation logical id of an L2 construct's resource. */
export const logicalId = (
  construct: { node: { defaultChild?: unknown } },
  stack: RegionStacks['api'],
): string => stack.getLogicalId(construct.node.defaultChild as CfnResource);

/** Every function of the API stack, by route name, the authorizer as `Authorizer`. */
export const functionsByName = (stacks: RegionStacks): Map<string, ReturnsFunction> =>
  new Map([['Authorizer', stacks.api.sellerApi.authorizerFunction], ...stacks.api.sellerApi.routeFunctions]);
