import * as z from './zod.js';

const stripeId = (prefix: 'pi' | 'ch') =>
  z
    .string()
    .check(z.maxLength(255, 'must be at most 255 characters'))
    .check(z.regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,250}$`), `must be a Stripe id (${prefix}_...)`));

/**
 * Where the buyer's payment for the order lives, so its refund goes back the way the money came: a
 * Stripe PaymentIntent or a Charge, exactly one of the two. A return without one (a marketplace-paid
 * order) is refunded by hand (manual payout).
 */
export const PaymentReferenceSchema = z
  .strictObject({
    provider: z.literal('stripe'),
    paymentIntentId: z.optional(stripeId('pi')),
    chargeId: z.optional(stripeId('ch')),
  })
  .check(
    z.refine((p) => (p.paymentIntentId === undefined) !== (p.chargeId === undefined), {
      message: 'must name exactly one of paymentIntentId and chargeId',
    }),
  );
export type PaymentReference = z.infer<typeof PaymentReferenceSchema>;
