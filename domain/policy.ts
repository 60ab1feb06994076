import * as z from './zod.js';
import { MoneySchema, type Currency } from './money.js';
import { MarketplaceSchema, MARKETPLACES, type Marketplace } from './marketplaces.js';
import { GradeSchema } from './inspection.js';
import { AddressSchema } from './address.js';
import { LabelPreferencesSchema } from './label-preferences.js';
import { callerKey } from './prototype-keys.js';

const days = z.number().check(z.int('must be a whole number of days')).check(z.gte(0)).check(z.lte(3650));
const basisPoints = z
  .number()
  .check(z.int('must be whole basis points (1% = 100)'))
  .check(z.gte(0))
  .check(z.lte(10_000, 'must be at most 10000 (100%)'));

export const ReturnAddressSchema = AddressSchema;
export type ReturnAddress = z.infer<typeof ReturnAddressSchema>;

/** A restocking fee for buyer-remorse returns, by inspection grade, in basis points of the item price. */
export const RestockingRuleSchema = z.strictObject({ grade: GradeSchema, feeBasisPoints: basisPoints });

export const PolicySchema = z.strictObject({
  marketplace: MarketplaceSchema,
  /** Days from delivery by category; `default` applies to categories not listed. */
  returnWindowDays: z
    .record(callerKey(64), days)
    .check(z.refine((w) => 'default' in w, 'must have a "default" window')),
  autoAuthorize: z.boolean(),
  returnless: z.strictObject({
    /** Buyer keeps items whose total value is under this amount. */
    valueUnder: z.optional(MoneySchema),
    /** Buyer keeps items when the estimated return cost is at or above their value. */
    whenReturnCostAtLeastValue: z.boolean(),
    estimatedReturnCost: z.optional(MoneySchema),
  }),
  /** Refunds above this amount wait for a human approval. */
  highValueApprovalThreshold: MoneySchema,
  restockingFees: z.array(RestockingRuleSchema).check(z.maxLength(7)),
  shipByDays: days.check(z.gte(1)).check(z.describe('days the buyer has to ship after the label is issued')),
  /** A refund paid by hand needs a person once it has waited this long (default 5 business days). */
  payoutLimitBusinessDays: z.optional(
    z
      .number()
      .check(z.int('must be a whole number of business days'))
      .check(z.gte(2, 'must be at least 2 (the reminder comes after 2)'))
      .check(z.lte(30)),
  ),
  returnAddresses: z
    .array(ReturnAddressSchema)
    .check(z.minLength(1, 'must have at least one return address'))
    .check(z.maxLength(10)),
  /** How return labels are bought: the preferred carrier and service, and parcel defaults by category. */
  labels: z.optional(LabelPreferencesSchema),
});
export type Policy = z.infer<typeof PolicySchema>;

/** A policy as stored and read back: whose, at which optimistic-locking version, and since when. */
export const StoredPolicySchema = z.extend(PolicySchema, {
  sellerId: z.string(),
  version: z.number().check(z.int()).check(z.gte(1)),
  updatedAt: z.string(),
});
export type StoredPolicy = z.infer<typeof StoredPolicySchema>;

/** Default thresholds in each marketplace's currency, in minor units. */
const DEFAULT_THRESHOLDS: Record<Currency, { returnlessUnder: number; highValue: number }> = {
  USD: { returnlessUnder: 10_00, highValue: 500_00 },
  CAD: { returnlessUnder: 15_00, highValue: 700_00 },
  MXN: { returnlessUnder: 200_00, highValue: 10_000_00 },
  GBP: { returnlessUnder: 8_00, highValue: 400_00 },
  EUR: { returnlessUnder: 10_00, highValue: 500_00 },
  JPY: { returnlessUnder: 1_500, highValue: 75_000 },
  AUD: { returnlessUnder: 15_00, highValue: 750_00 },
  SEK: { returnlessUnder: 100_00, highValue: 5_000_00 },
  PLN: { returnlessUnder: 40_00, highValue: 2_000_00 },
  BRL: { returnlessUnder: 50_00, highValue: 2_500_00 },
  INR: { returnlessUnder: 800_00, highValue: 40_000_00 },
  SGD: { returnlessUnder: 15_00, highValue: 700_00 },
};

/** What a seller gets before it sets a policy of its own: common marketplace practice. */
export const defaultPolicy = (marketplace: Marketplace, returnAddress: ReturnAddress): Policy => {
  const currency = MARKETPLACES[marketplace].currency;
  const thresholds = DEFAULT_THRESHOLDS[currency];
  return {
    marketplace,
    returnWindowDays: { default: 30, electronics: 30, apparel: 60, toys: 60 },
    autoAuthorize: true,
    returnless: {
      valueUnder: { amount: thresholds.returnlessUnder, currency },
      whenReturnCostAtLeastValue: true,
    },
    highValueApprovalThreshold: { amount: thresholds.highValue, currency },
    restockingFees: [
      { grade: 'OPENED', feeBasisPoints: 0 },
      { grade: 'USED', feeBasisPoints: 1500 },
      { grade: 'DAMAGED', feeBasisPoints: 5000 },
      { grade: 'MISSING_PARTS', feeBasisPoints: 5000 },
    ],
    shipByDays: 14,
    returnAddresses: [returnAddress],
  };
};
