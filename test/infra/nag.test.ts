import type { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURED_REGIONS } from '../../infra/config/index.js';
import { synthRegions, type SynthesizedRegion } from './synth-region.js';

const NAG = Match.stringLikeRegexp('AwsSolutions-.*|Serverless-.*');

/** Findings as `path: message` lines, so a failure prints what to fix. */
const describeFindings = (findings: Array<{ id: string; entry: { data?: unknown } }>): string[] =>
  findings.map((f) => `${f.id}: ${String(f.entry.data).split('\n')[0]}`);

let built: Map<string, SynthesizedRegion>;
beforeAll(() => {
  built = synthRegions(CONFIGURED_REGIONS, { bundle: false });
}, 300_000);

describe.each(CONFIGURED_REGIONS)('%s cdk-nag', (region) => {
  let s: SynthesizedRegion;
  let stacks: Stack[];
  beforeAll(() => {
    s = built.get(region)!;
    stacks = [s.stacks.stateful, s.stacks.api];
  });

  it('leaves no unsuppressed AwsSolutions or Serverless error', () => {
    for (const stack of stacks) {
      expect(describeFindings(Annotations.fromStack(stack).findError('*', NAG)), stack.stackName).toEqual([]);
    }
  });

  it('leaves no unsuppressed AwsSolutions or Serverless warning', () => {
    for (const stack of stacks) {
      expect(describeFindings(Annotations.fromStack(stack).findWarning('*', NAG)), stack.stackName).toEqual(
        [],
      );
    }
  });

  it('leaves no other CDK warning or error either', () => {
    for (const stack of stacks) {
      const annotations = Annotations.fromStack(stack);
      expect(describeFindings(annotations.findError('*', Match.anyValue())), stack.stackName).toEqual([]);
      expect(describeFindings(annotations.findWarning('*', Match.anyValue())), stack.stackName).toEqual([]);
    }
  });

  it('suppresses at the resource, never for a whole stack', () => {
    for (const stack of stacks) {
      expect(stack.templateOptions.metadata?.cdk_nag, stack.stackName).toBeUndefined();
    }
  });
});
