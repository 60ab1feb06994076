import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ReturnsFunction } from './returns-function.js';

/**
 * Lets a function read one secret's value and sets `variable` to its ARN in the same call. Only
 * GetSecretValue on that one ARN (CDK's `grantRead` adds DescribeSecret, which nothing calls), and
 * kms:Decrypt only if the secret has a key of its own that the stack knows.
 */
export const grantSecretValue = (fn: ReturnsFunction, secret: ISecret, variable: string): void => {
  fn.function.addEnvironment(variable, secret.secretArn);
  fn.function.addToRolePolicy(
    new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
  );
  secret.encryptionKey?.grantDecrypt(fn.function);
};
