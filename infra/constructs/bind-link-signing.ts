import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ReturnsFunction } from './returns-function.js';

/**
 * Lets a function mint buyer links (kms:GenerateMac) or check them (kms:VerifyMac), and sets
 * LINK_SIGNING_KEY_ID in the same call. One action each: the pages only verify.
 */
export const bindLinkSigning = (fn: ReturnsFunction, key: IKey, mode: 'sign' | 'verify'): void => {
  fn.function.addEnvironment('LINK_SIGNING_KEY_ID', key.keyArn);
  fn.function.addToRolePolicy(
    new PolicyStatement({
      actions: [mode === 'sign' ? 'kms:GenerateMac' : 'kms:VerifyMac'],
      resources: [key.keyArn],
    }),
  );
};
