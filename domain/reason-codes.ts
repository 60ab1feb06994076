import * as z from './zod.js';

/** Who is at fault decides who pays return freight and whether a restocking fee may apply. */
export const REASON_CLASSES = {
  DEFECTIVE: 'SELLER_FAULT',
  DAMAGED_IN_TRANSIT: 'SELLER_FAULT',
  WRONG_ITEM: 'SELLER_FAULT',
  NOT_AS_DESCRIBED: 'SELLER_FAULT',
  MISSING_PARTS: 'SELLER_FAULT',
  NO_LONGER_NEEDED: 'BUYER_REMORSE',
  ORDERED_BY_MISTAKE: 'BUYER_REMORSE',
  BETTER_PRICE: 'BUYER_REMORSE',
  CHANGED_MIND: 'BUYER_REMORSE',
} as const;

export type ReasonCode = keyof typeof REASON_CLASSES;
export type ReasonClass = (typeof REASON_CLASSES)[ReasonCode];

export const ReasonCodeSchema = z.enum(Object.keys(REASON_CLASSES) as [ReasonCode, ...ReasonCode[]]);

export const reasonClass = (code: ReasonCode): ReasonClass => REASON_CLASSES[code];

export const isSellerFault = (code: ReasonCode): boolean => reasonClass(code) === 'SELLER_FAULT';
