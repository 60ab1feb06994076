import type { ClosureReason } from '../return.js';
import type { BreakdownLine } from '../refund.js';
import type { ReturnAddress } from '../policy.js';
import type { Audience, RefundAction } from './notification.js';
import type { SupportedLocale } from './locales.js';
import type { DeadlineAction } from '../deadlines/deadline.js';

/**
 * What a locale supplies: phrases and the few sentences that interpolate values, nothing else. Values arrive
 * already formatted (money, dates) and as plain strings; the layout escapes the finished sentences.
 */
export interface Messages {
  locale: SupportedLocale;
  /** Between a label and its value. */
  separator: string;
  greeting: Record<Audience, string>;
  footer: Record<Audience, string>;
  labels: {
    rma: string;
    orderId: string;
    returnId: string;
    buyerEmail: string;
    closureReason: string;
    carrier: string;
    trackingNumber: string;
    shipBy: string;
    returnAddress: string;
    refundAmount: string;
    breakdown: string;
    total: string;
  };
  closureReasons: Record<ClosureReason, string>;
  breakdownKinds: Record<BreakdownLine['kind'], string>;
  /** Address lines in the order the locale writes them; `country` is the country's name in the locale. */
  address: (a: ReturnAddress, country: string) => string[];
  /** Who to hand the parcel to when the carrier has no brand name (the generic carrier). */
  carrierOnLabel: string;
  /** "If you disagree or have questions, contact the seller through the marketplace." */
  contactSeller: string;

  RETURN_CLOSED: {
    subject: (v: { rma: string }) => string;
    heading: string;
    /** `sellerName` is absent when unknown: the sentence then names "the seller". */
    intro: (v: { rma: string; orderId: string; sellerName?: string }) => string;
    commentLabel: (v: { sellerName?: string }) => string;
    /** Added when the seller refunded without asking for the item back. */
    keepItem: string;
  };
  RETURN_CANCELLED_BY_BUYER: {
    subject: (v: { rma: string }) => string;
    heading: string;
    intro: (v: { rma: string; orderId: string }) => string;
    commentLabel: string;
    noAction: string;
  };
  RETURN_AUTHORIZED: {
    subject: (v: { rma: string }) => string;
    heading: string;
    returnless: string;
    instructions: (v: { carrier: string; shipBy: string }) => string;
    labelLink: string;
    includeRma: (v: { rma: string }) => string;
    next: string;
  };
  RETURN_RECEIVED: {
    subject: (v: { rma: string }) => string;
    heading: string;
    body: (v: { rma: string }) => string;
  };
  REFUND_ISSUED: {
    subject: (v: { rma: string; amount: string }) => string;
    heading: string;
    body: (v: { rma: string; amount: string }) => string;
    timing: string;
  };
  REFUND_REJECTED: {
    subject: (v: { rma: string }) => string;
    heading: string;
    body: (v: { rma: string }) => string;
    reasonLabel: string;
  };
  REFUND_APPROVAL_REQUIRED: {
    subject: (v: { rma: string; amount: string }) => string;
    heading: string;
    body: (v: { rma: string; amount: string }) => string;
    howTo: (v: { approve: string; reject: string }) => string;
  };
  DEADLINE_REMINDER: {
    subject: (v: { rma: string; due: string }) => string;
    heading: string;
    /** `action` is one of `actions`, already in words. */
    body: (v: { rma: string; action: string; due: string }) => string;
    actions: Record<DeadlineAction, string>;
    dueLabel: string;
    ruleLabel: string;
    /** Where the rule's numbers and sources are shown. */
    details: (v: { path: string }) => string;
  };
  REPLACEMENT_REQUESTED: {
    subject: (v: { rma: string }) => string;
    heading: string;
    body: (v: { rma: string }) => string;
    /** Titles the SKUs and quantities sent again. */
    itemsLabel: string;
    next: string;
  };
  REPLACEMENT_SHIPPED: {
    subject: (v: { rma: string }) => string;
    heading: string;
    body: (v: { rma: string }) => string;
  };
  REFUND_ACTION_REQUIRED: {
    subject: Record<RefundAction, (v: { rma: string; amount: string }) => string>;
    body: Record<RefundAction, (v: { rma: string; amount: string }) => string>;
    failureReasonLabel: string;
    /** How to tell us it was paid by hand, or how to pay it again. */
    markPaid: (v: { call: string }) => string;
    retry: (v: { call: string }) => string;
  };
  WEBHOOK_ENDPOINT_DISABLED: {
    subject: (v: { url: string }) => string;
    heading: string;
    body: (v: { url: string; reason: string }) => string;
    howTo: (v: { deliveries: string }) => string;
  };
}
