import { MARKETPLACES, type Marketplace } from './marketplaces.js';
import { isSellerFault, type ReasonCode } from './reason-codes.js';

export type FreightPayer = 'SELLER' | 'BUYER';

/**
 * Who bears the return freight: the seller when it was at fault; the buyer for a change of mind at home;
 * and for a change of mind across a border, whatever the marketplace's rule says.
 */
export const returnFreightPayer = (
  reason: ReasonCode,
  marketplace: Marketplace,
  buyerCountry: string,
): { paidBy: FreightPayer; why: string } => {
  if (isSellerFault(reason)) return { paidBy: 'SELLER', why: `${reason} is the seller's fault` };
  const { country, internationalRemorseFreight } = MARKETPLACES[marketplace];
  if (buyerCountry === country) return { paidBy: 'BUYER', why: `${reason} is a change of mind` };
  return {
    paidBy: internationalRemorseFreight,
    why: `${reason} from ${buyerCountry} to marketplace ${marketplace}: the marketplace's international rule`,
  };
};

const DAY_MS = 86_400_000;

/** The date by which the buyer must hand the parcel to the carrier. */
export const shipByDate = (labelIssuedAt: Date, shipByDays: number): Date =>
  new Date(labelIssuedAt.getTime() + shipByDays * DAY_MS);

/** Seconds left until `shipBy`, at least one: Step Functions refuses a zero timeout. */
export const secondsUntil = (shipBy: string, now: Date): number =>
  Math.max(1, Math.floor((Date.parse(shipBy) - now.getTime()) / 1000));

/** The carrier a marketplace's return labels are bought from. */
export const carrierFor = (marketplace: Marketplace): 'ups' | 'fedex' | 'generic' => {
  if (marketplace === 'US') return 'ups';
  if (marketplace === 'CA' || marketplace === 'MX') return 'fedex';
  return 'generic';
};
