import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ReturnsFunction } from './returns-function.js';

/**
 * Lets a function seal (kms:Encrypt) or open (kms:Decrypt) sellers' connection secrets and webhook
 * endpoints' signing secrets (one key, each under its own encryption context), and sets
 * CONNECTION_SECRETS_KEY_ID in the same call. One action each, not CDK's grantEncrypt/grantDecrypt,
 * which add ReEncrypt and GenerateDataKey that nothing calls.
 */
export const bindConnectionSecrets = (fn: ReturnsFunction, key: IKey, mode: 'seal' | 'open'): void => {
  fn.function.addEnvironment('CONNECTION_SECRETS_KEY_ID', key.keyArn);
  fn.function.addToRolePolicy(
    new PolicyStatement({
      actions: [mode === 'seal' ? 'kms:Encrypt' : 'kms:Decrypt'],
      resources: [key.keyArn],
    }),
  );
};
