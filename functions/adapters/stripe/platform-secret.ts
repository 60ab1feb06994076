import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from '../../../domain/zod.js';
import { SECRETS_MAX_AGE_SECONDS } from '../carrier-secrets.js';

/**
 * The region's Stripe Connect platform: its secret key (which pays connected accounts' refunds, with
 * the Stripe-Account header) and the signing secret of its Connect webhook endpoint. One Secrets
 * Manager secret, `{ "secretKey": "sk_...", "webhookSecret": "whsec_..." }`, named by
 * STRIPE_CONNECT_PLATFORM_KEY_ARN (set by the stack where the region config has `stripeConnect`).
 */
export interface StripePlatform {
  secretKey: string;
  webhookSecret: string;
}

const PlatformSchema = z.object({
  secretKey: z.string().check(z.regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/)),
  webhookSecret: z.string().check(z.regex(/^whsec_[A-Za-z0-9+/=]{8,}$/)),
});

/** Whether this region has a Stripe Connect platform, so a seller may connect by account id. */
export const stripePlatformConfigured = (): boolean => Boolean(process.env.STRIPE_CONNECT_PLATFORM_KEY_ARN);

/**
 * The platform's secrets, read through Powertools (cached five minutes, so a rotation holds within
 * that), or undefined where the region has none. A malformed secret is an error that never quotes it.
 */
export const readStripePlatform = async (): Promise<StripePlatform | undefined> => {
  const arn = process.env.STRIPE_CONNECT_PLATFORM_KEY_ARN;
  if (!arn) return undefined;
  const parsed = PlatformSchema.safeParse(
    await getSecret(arn, { transform: 'json', maxAge: SECRETS_MAX_AGE_SECONDS }),
  );
  if (!parsed.success) {
    throw new Error(
      'the Stripe Connect platform secret is not { "secretKey": "sk_...", "webhookSecret": "whsec_..." }',
    );
  }
  return parsed.data;
};
