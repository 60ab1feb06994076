import { Aspects, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

/** The cdk-nag packs every stack is checked against at synth; an unsuppressed error fails the synth. */
export const applyNagPacks = (stack: Stack): void => {
  Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
  Aspects.of(stack).add(new ServerlessChecks({ verbose: true }));
};
