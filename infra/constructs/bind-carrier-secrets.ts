import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ReturnsFunction } from './returns-function.js';

/**
 * Lets a function read the carriers' webhook signing secrets and sets CARRIER_SECRETS_ARN in the same
 * call. Only GetSecretValue is granted (CDK's `grantRead` adds DescribeSecret, which nothing calls), and
 * kms:Decrypt only if the secret has a key of its own.
 */
export const bindCarrierSecrets = (fn: ReturnsFunction, secret: ISecret): void => {
  fn.function.addEnvironment('CARRIER_SECRETS_ARN', secret.secretArn);
  fn.function.addToRolePolicy(
    new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
  );
  secret.encryptionKey?.grantDecrypt(fn.function);
};
