import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ReturnsFunction } from './returns-function.js';

/**
 * Lets a function seal (kms:Encrypt) or open (kms:Decrypt), or both, sellers' connection secrets and webhook
 * endpoints' signing secrets (one key, each under its own encryption context), and sets
 * CONNECTION_SECRETS_KEY_ID in the same call. One action each, not CDK's grantEncrypt/grantDecrypt,
 * which add ReEncrypt and GenerateDataKey that nothing calls.
 */
export const bindConnectionSecrets = (
  fn: ReturnsFunction,
  key: IKey,
  mode: 'seal' | 'open' | 'sealAndOpen',
): void => {
  fn.function.addEnvironment('CONNECTION_SECRETS_KEY_ID', key.keyArn);
  const actions = [...(mode === 'open' ? [] : ['kms:Encrypt']), ...(mode === 'seal' ? [] : ['kms:Decrypt'])];
  for (const action of actions) {
    fn.function.addToRolePolicy(new PolicyStatement({ actions: [action], resources: [key.keyArn] }));
  }
};
