import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { grantSecretValue } from './grant-secret-value.js';
import type { ReturnsFunction } from './returns-function.js';

/** The variable the functions read the platform secret's ARN from (functions/adapters/stripe/platform-secret.ts). */
const VARIABLE = 'STRIPE_CONNECT_PLATFORM_KEY_ARN';

/**
 * The region's Stripe Connect platform secret: `read` for the functions that pay through it or verify
 * its Connect webhook (GetSecretValue on that one ARN, and the variable); `known` only tells a function
 * (PUT /v1/integrations/stripe) that the region has a platform, by the ARN, which is no secret.
 */
export const bindStripePlatform = (fn: ReturnsFunction, secret: ISecret, mode: 'read' | 'known'): void => {
  if (mode === 'read') grantSecretValue(fn, secret, VARIABLE);
  else fn.function.addEnvironment(VARIABLE, secret.secretArn);
};
