import * as z from './zod.js';

/**
 * A seller's connections to the outside services that move money and parcels for it: Stripe for refunds,
 * EasyPost for labels and tracking. What the seller sends splits into settings, which are shown back, and
 * secrets, which are sealed at rest and never shown, logged or put in an error again (docs/design.md §12).
 */
export const INTEGRATION_PROVIDERS = ['stripe', 'easypost'] as const;
export type IntegrationProvider = (typeof INTEGRATION_PROVIDERS)[number];

/** Where each provider's webhook lands; the last segment is the connection's id. */
export const WEBHOOK_PATHS: Record<IntegrationProvider, string> = {
  stripe: '/v1/webhooks/payments/stripe',
  easypost: '/v1/webhooks/labels/easypost',
};

const secret = (pattern: RegExp, rule: string) =>
  z.string().check(z.maxLength(512, 'must be at most 512 characters'), z.regex(pattern, rule));

/**
 * Either the seller's own keys (a secret or restricted key, with the signing secret of the webhook
 * endpoint it registered), or a connected account id, paid through the region's Stripe Connect platform
 * key. One object rather than a union, so a refusal names the missing field instead of "invalid input".
 */
export const StripeConnectionBodySchema = z
  .strictObject({
    secretKey: z.optional(
      secret(
        /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/,
        'must be a Stripe secret or restricted key (sk_..., rk_...)',
      ),
    ),
    webhookSecret: z.optional(
      secret(/^whsec_[A-Za-z0-9+/=]{8,}$/, 'must be a Stripe webhook signing secret (whsec_...)'),
    ),
    accountId: z.optional(
      z.string().check(z.regex(/^acct_[A-Za-z0-9]{8,64}$/, 'must be a Stripe account id (acct_...)')),
    ),
  })
  .check(
    z.superRefine((body, ctx) => {
      const keys = ['secretKey', 'webhookSecret'] as const;
      for (const name of keys) {
        if (body.accountId !== undefined && body[name] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'must not be given with accountId' });
        }
        if (body.accountId === undefined && body[name] === undefined) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required, unless accountId is given' });
        }
      }
    }),
  );
export type StripeConnectionBody = z.infer<typeof StripeConnectionBodySchema>;

export const EasyPostConnectionBodySchema = z.strictObject({
  apiKey: secret(/^[A-Za-z0-9_]{16,128}$/, 'must be an EasyPost API key (letters, digits and _)'),
  webhookSecret: z
    .string()
    .check(
      z.minLength(16, 'must be at least 16 characters'),
      z.maxLength(256, 'must be at most 256 characters'),
    ),
  carrierAccounts: z.optional(
    z
      .array(
        z
          .string()
          .check(z.regex(/^ca_[A-Za-z0-9]{8,64}$/, 'must be an EasyPost carrier account id (ca_...)')),
      )
      .check(
        z.minLength(1, 'must list at least one account when given'),
        z.maxLength(20, 'must list at most 20'),
      ),
  ),
});
export type EasyPostConnectionBody = z.infer<typeof EasyPostConnectionBodySchema>;

export interface ConnectionBodies {
  stripe: StripeConnectionBody;
  easypost: EasyPostConnectionBody;
}

/** The settings a connection shows: never a secret, at most the last four characters of one. */
export type ConnectionSettings = Record<string, string | string[]>;
export type ConnectionSecrets = Record<string, string>;

const last4 = (value: string): string => value.slice(-4);

const stripeMode = (key: string): string => (key.includes('_live_') ? 'live' : 'test');

interface SplitConnection {
  settings: ConnectionSettings;
  secrets: ConnectionSecrets;
}

/** Splits what the seller sent into what is shown and what is sealed. */
export const splitConnection: { [P in IntegrationProvider]: (body: ConnectionBodies[P]) => SplitConnection } =
  {
    stripe: ({ accountId, secretKey = '', webhookSecret = '' }): SplitConnection =>
      accountId !== undefined
        ? { settings: { mode: 'connect', accountId }, secrets: {} }
        : {
            settings: {
              mode: stripeMode(secretKey),
              keyType: secretKey.startsWith('rk_') ? 'restricted' : 'secret',
              secretKeyLast4: last4(secretKey),
              webhookSecretLast4: last4(webhookSecret),
            },
            secrets: { secretKey, webhookSecret },
          },
    easypost: (body): SplitConnection => ({
      settings: {
        mode: body.apiKey.startsWith('EZTK') ? 'test' : 'production',
        apiKeyLast4: last4(body.apiKey),
        webhookSecretLast4: last4(body.webhookSecret),
        ...(body.carrierAccounts ? { carrierAccounts: body.carrierAccounts } : {}),
      },
      secrets: { apiKey: body.apiKey, webhookSecret: body.webhookSecret },
    }),
  };
