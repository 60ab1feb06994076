import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { grantSecretValue } from './grant-secret-value.js';
import type { ReturnsFunction } from './returns-function.js';

/** Lets a function read the carriers' webhook signing secrets and sets CARRIER_SECRETS_ARN in the same call. */
export const bindCarrierSecrets = (fn: ReturnsFunction, secret: ISecret): void =>
  grantSecretValue(fn, secret, 'CARRIER_SECRETS_ARN');
