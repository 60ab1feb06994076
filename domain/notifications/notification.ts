import * as z from '../zod.js';
import { MoneySchema } from '../money.js';
import { ClosureReasonSchema } from '../return.js';
import { ReturnAddressSchema } from '../policy.js';
import { BreakdownLineSchema } from '../refund.js';
import { DeadlineActionSchema } from '../deadlines/deadline.js';
import {
  MessageToBuyerSchema,
  MessageToSellerSchema,
  OfferAnsweredSchema,
  OfferMadeSchema,
  OfferWithdrawnSchema,
} from './conversation-notifications.js';

/**
 * The e-mails the product sends, one schema per kind. A notification carries data only; the words come from
 * the locale tables and the markup from the shared layout, so a pipeline task can pass one as JSON and the
 * renderer decides the language at the last moment.
 */
const required = z.string().check(z.minLength(1));
/** A calendar day (`2026-11-15`) or an instant (`2026-11-15T00:00:00Z`); shown as a date in UTC. */
const day = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
/** Free text written by a person (seller or buyer): shown verbatim in text and escaped in HTML. */
const comment = z.optional(z.string().check(z.maxLength(2000)));

export const ReturnClosedSchema = z.object({
  kind: z.literal('RETURN_CLOSED'),
  rma: required,
  orderId: required,
  reason: ClosureReasonSchema,
  comment,
  /** The seller's display name; when absent or blank the e-mail says "the seller". */
  sellerName: z.optional(z.string().check(z.maxLength(200))),
});

export const ReturnCancelledByBuyerSchema = z.object({
  kind: z.literal('RETURN_CANCELLED_BY_BUYER'),
  rma: required,
  orderId: required,
  returnId: required,
  buyerEmail: required,
  comment,
});

export const ReturnLabelInfoSchema = z.object({
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
  trackingNumber: required,
  carrier: required,
  shipBy: day,
});
export type ReturnLabelInfo = z.infer<typeof ReturnLabelInfoSchema>;

export const ReturnAuthorizedSchema = z
  .object({
    kind: z.literal('RETURN_AUTHORIZED'),
    rma: required,
    /** The buyer keeps the item and the refund follows; there is no label. */
    returnless: z.boolean(),
    label: z.optional(ReturnLabelInfoSchema),
    returnAddress: z.optional(ReturnAddressSchema),
  })
  .check(
    z.refine((n) => n.returnless || n.label !== undefined, {
      message: 'is required unless the return is returnless',
      path: ['label'],
    }),
  );

export const ReturnReceivedSchema = z.object({ kind: z.literal('RETURN_RECEIVED'), rma: required });

export const RefundIssuedSchema = z.object({
  kind: z.literal('REFUND_ISSUED'),
  rma: required,
  amount: MoneySchema,
  /** Signed minor units per line, as in the refund's breakdown (explanations are not repeated). */
  breakdown: z.array(z.pick(BreakdownLineSchema, { kind: true, amount: true, currency: true })),
});

export const RefundRejectedSchema = z.object({
  kind: z.literal('REFUND_REJECTED'),
  rma: required,
  /** The seller's words. */
  reason: z.string().check(z.minLength(1)).check(z.maxLength(2000)),
});

export const RefundApprovalRequiredSchema = z.object({
  kind: z.literal('REFUND_APPROVAL_REQUIRED'),
  rma: required,
  returnId: required,
  amount: MoneySchema,
});

/** The seller is reminded of a return's next deadline before it passes (the deadline sweeper). */
export const DeadlineReminderSchema = z.object({
  kind: z.literal('DEADLINE_REMINDER'),
  rma: required,
  returnId: required,
  action: DeadlineActionSchema,
  dueAt: z.iso.datetime({ offset: true }),
  /** The rule's id, e.g. AMAZON_REFUND_2_BUSINESS_DAYS; the return shows its numbers and sources. */
  rule: required,
});

/** Why a refund needs the seller: to be paid by hand, a reminder of that, or the provider failed it. */
export const REFUND_ACTIONS = ['PAY_BY_HAND', 'PAYOUT_REMINDER', 'REFUND_FAILED'] as const;

export type RefundAction = (typeof REFUND_ACTIONS)[number];

export const RefundActionRequiredSchema = z.object({
  kind: z.literal('REFUND_ACTION_REQUIRED'),
  rma: required,
  returnId: required,
  amount: MoneySchema,
  action: z.enum(REFUND_ACTIONS),
  /** The provider's reason, for REFUND_FAILED. */
  failureReason: z.optional(z.string().check(z.maxLength(500))),
});

/** The buyer gets the same goods again instead of a refund: which SKUs, how many. */
export const ReplacementRequestedSchema = z.object({
  kind: z.literal('REPLACEMENT_REQUESTED'),
  rma: required,
  items: z.array(z.object({ sku: required, quantity: z.number().check(z.int(), z.gte(1)) })),
  /** A returnless replacement: the buyer keeps what they have. */
  keepItem: z.boolean(),
});

/** The replacement is on its way, with the parcel's carrier and tracking number. */
export const ReplacementShippedSchema = z.object({
  kind: z.literal('REPLACEMENT_SHIPPED'),
  rma: required,
  carrier: required,
  trackingNumber: required,
});

/** To the seller: an endpoint stopped getting events (a 410, or failures through the retry window). */
export const WebhookEndpointDisabledSchema = z.object({
  kind: z.literal('WEBHOOK_ENDPOINT_DISABLED'),
  endpointId: required,
  url: required,
  reason: required,
});

export const NotificationSchema = z.discriminatedUnion('kind', [
  ReturnClosedSchema,
  ReturnCancelledByBuyerSchema,
  ReturnAuthorizedSchema,
  ReturnReceivedSchema,
  RefundIssuedSchema,
  RefundRejectedSchema,
  RefundApprovalRequiredSchema,
  DeadlineReminderSchema,
  RefundActionRequiredSchema,
  ReplacementRequestedSchema,
  ReplacementShippedSchema,
  MessageToBuyerSchema,
  MessageToSellerSchema,
  OfferMadeSchema,
  OfferAnsweredSchema,
  OfferWithdrawnSchema,
  WebhookEndpointDisabledSchema,
]);
export type Notification = z.infer<typeof NotificationSchema>;
export type NotificationKind = Notification['kind'];
export type NotificationOf<K extends NotificationKind> = Extract<Notification, { kind: K }>;

/** Who reads it: buyers get the buyer greeting and footer, sellers the seller ones. */
export type Audience = 'buyer' | 'seller';

export const AUDIENCES: { readonly [K in NotificationKind]: Audience } = {
  RETURN_CLOSED: 'buyer',
  RETURN_CANCELLED_BY_BUYER: 'seller',
  RETURN_AUTHORIZED: 'buyer',
  RETURN_RECEIVED: 'buyer',
  REFUND_ISSUED: 'buyer',
  REFUND_REJECTED: 'buyer',
  REFUND_APPROVAL_REQUIRED: 'seller',
  DEADLINE_REMINDER: 'seller',
  REFUND_ACTION_REQUIRED: 'seller',
  REPLACEMENT_REQUESTED: 'buyer',
  REPLACEMENT_SHIPPED: 'buyer',
  MESSAGE_TO_BUYER: 'buyer',
  MESSAGE_TO_SELLER: 'seller',
  OFFER_MADE: 'buyer',
  OFFER_ANSWERED: 'seller',
  OFFER_WITHDRAWN: 'buyer',
  WEBHOOK_ENDPOINT_DISABLED: 'seller',
};

/** A rendered e-mail, ready for a Mailer once it has a recipient. */
export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** What the notification ledger records of it once sent (never the body). */
  about: { kind: NotificationKind; recipient: Audience; locale: string };
}
