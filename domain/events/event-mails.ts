import { DeadlineActionSchema } from '../deadlines/deadline.js';
import type { Notification, RefundAction } from '../notifications/notification.js';
import type { Seller } from '../ports.js';
import { paymentKeyOf } from '../refund.js';
import type { Return } from '../return.js';
import * as z from '../zod.js';
import type { EventType } from './event-types.js';
import { ReturnEventSchema, type ReturnEvent, type ReturnEventSnapshot } from './return-event.js';

/** One mail an event owes: to whom, in which language, saying what. */
export interface EventMail {
  to: string;
  /** The reader's locale; the renderer falls back to English. */
  locale?: string;
  notification: Notification;
  /**
   * What makes the mail once in the return's life (the notification ledger's kind): the notification's
   * kind, unless the return may owe it again (each deadline's reminder, each refund attempt's request).
   */
  once?: string;
}

/** What a rule reads: the event (its snapshot is the return at the event's version), and the latest return. */
interface MailContext {
  event: ReturnEvent;
  at: ReturnEventSnapshot;
  ret: Return;
}

/** A mail made from the event and the return alone. */
type MailRule = (ctx: MailContext) => EventMail | undefined;

/**
 * A mail to the seller, or one that names them: it reads the seller's profile too. Only for these does
 * the mail sink read the seller (mailNeedsSeller), so an event that mails the buyer costs no read.
 */
interface SellerMailRule {
  withSeller: (ctx: MailContext & { seller: Seller | undefined }) => EventMail | undefined;
}

const toBuyer = (ret: Return, notification: Notification): EventMail => ({
  to: ret.buyer.email,
  ...(ret.buyer.locale === undefined ? {} : { locale: ret.buyer.locale }),
  notification,
});

const toSeller = (
  seller: Seller | undefined,
  notification: Notification,
  once?: string,
): EventMail | undefined =>
  seller && { to: seller.email, locale: seller.locale, notification, ...(once ? { once } : {}) };

/** What REMIND_DEADLINE's timeline entry says (domain/lifecycle-deadlines.ts). */
const DeadlineChangeSchema = z.object({
  action: DeadlineActionSchema,
  rule: z.string(),
  dueAt: z.string(),
});

/** What an offer's timeline entries say of it (domain/lifecycle-offers.ts). */
const OfferChangeSchema = z.object({ offerId: z.string() });

/** The offer an event is about, from the latest return: a settled offer never changes again. */
const offerOfEvent = (event: ReturnEvent, ret: Return) => {
  const { offerId } = OfferChangeSchema.parse(event.data.change.data);
  return ret.offers?.find((o) => o.offerId === offerId);
};

/** The seller's word on a refund that needs them, once per attempt (a refund paid again is news again). */
const refundAction = (action: RefundAction): SellerMailRule => ({
  withSeller: ({ at, seller }) => {
    const refund = at.refund;
    if (!refund) return undefined;
    return toSeller(
      seller,
      {
        kind: 'REFUND_ACTION_REQUIRED',
        rma: at.rma,
        returnId: at.id,
        amount: refund.amount,
        action,
        ...(action === 'REFUND_FAILED' && refund.failureReason
          ? { failureReason: refund.failureReason.slice(0, 500) }
          : {}),
      },
      `${action}#${paymentKeyOf(refund)}`,
    );
  },
});

/**
 * The seller hears, once per offer, what became of it. The ledger kind is the offer's own (a return holds
 * several offers in its life); an answer and an expiry keep the kinds they were first sent under.
 */
const offerAnswered = (answer: 'ACCEPTED' | 'DECLINED' | 'EXPIRED', once: string): SellerMailRule => ({
  withSeller: ({ event, at, ret, seller }) => {
    const offer = offerOfEvent(event, ret);
    return (
      offer &&
      toSeller(
        seller,
        {
          kind: 'OFFER_ANSWERED',
          rma: at.rma,
          returnId: at.id,
          amount: offer.amount,
          keepItem: offer.keepItem,
          answer,
        },
        `${once}#${offer.offerId}`,
      )
    );
  },
});

/**
 * Event type -> the mail it owes. What a mail shows comes from the event's own snapshot (the return at
 * the event's version: its label, refund, closure), the buyer's address from the return as the
 * dispatcher reads it (it never changes). Every buyer and seller mail about a return is here, but for
 * the two that carry signed buyer links (a seller's message, an offer): the mail sink mints those
 * (functions/use-cases/conversation-mail.ts). Nothing else in the product sends one.
 */
const MAILS: Partial<Record<EventType, MailRule | SellerMailRule>> = {
  // A returnless replacement's buyer hears of the replacement instead (replacement.requested).
  'return.authorized': ({ at, ret }) =>
    at.returnless && at.resolution !== 'REPLACE'
      ? toBuyer(ret, { kind: 'RETURN_AUTHORIZED', rma: at.rma, returnless: true })
      : undefined,
  'return.label_issued': ({ at, ret }) =>
    at.label &&
    toBuyer(ret, {
      kind: 'RETURN_AUTHORIZED',
      rma: at.rma,
      returnless: false,
      label: {
        url: at.label.labelUrl,
        trackingNumber: at.label.trackingNumber,
        carrier: at.label.carrier,
        shipBy: at.label.shipBy,
      },
      returnAddress: at.label.returnAddress,
    }),
  'return.delivered': ({ at, ret }) => toBuyer(ret, { kind: 'RETURN_RECEIVED', rma: at.rma }),
  'replacement.requested': ({ at, ret }) =>
    at.replacement &&
    toBuyer(ret, {
      kind: 'REPLACEMENT_REQUESTED',
      rma: at.rma,
      items: at.replacement.items,
      keepItem: at.returnless,
    }),
  'replacement.shipped': ({ at, ret }) =>
    at.replacement?.shipment &&
    toBuyer(ret, {
      kind: 'REPLACEMENT_SHIPPED',
      rma: at.rma,
      carrier: at.replacement.shipment.carrier,
      trackingNumber: at.replacement.shipment.trackingNumber,
    }),
  'refund.pending_approval': {
    withSeller: ({ at, seller }) =>
      at.refund &&
      toSeller(seller, {
        kind: 'REFUND_APPROVAL_REQUIRED',
        rma: at.rma,
        returnId: at.id,
        amount: at.refund.amount,
      }),
  },
  'refund.completed': ({ at, ret }) =>
    at.refund &&
    toBuyer(ret, {
      kind: 'REFUND_ISSUED',
      rma: at.rma,
      amount: at.refund.amount,
      breakdown: at.refund.breakdown.map(({ kind, amount, currency }) => ({ kind, amount, currency })),
    }),
  'refund.failed': refundAction('REFUND_FAILED'),
  'refund.pending_payout': refundAction('PAY_BY_HAND'),
  'refund.payout_reminder': refundAction('PAYOUT_REMINDER'),
  'return.closed': {
    withSeller: ({ at, ret, seller }) => {
      const closure = at.closure;
      if (!closure) return undefined;
      if (closure.reason === 'REFUND_REJECTED') {
        return toBuyer(ret, { kind: 'REFUND_REJECTED', rma: at.rma, reason: closure.comment ?? '' });
      }
      return toBuyer(ret, {
        kind: 'RETURN_CLOSED',
        rma: at.rma,
        orderId: at.orderId,
        reason: closure.reason,
        ...(closure.comment === undefined ? {} : { comment: closure.comment }),
        sellerName: seller?.name ?? '',
      });
    },
  },
  'return.cancelled': {
    withSeller: ({ at, ret, seller }) =>
      toSeller(seller, {
        kind: 'RETURN_CANCELLED_BY_BUYER',
        rma: at.rma,
        orderId: at.orderId,
        returnId: at.id,
        buyerEmail: ret.buyer.email,
        ...(at.cancellation?.comment === undefined ? {} : { comment: at.cancellation.comment }),
      }),
  },
  'offer.withdrawn': {
    withSeller: ({ event, at, ret, seller }) => {
      const offer = offerOfEvent(event, ret);
      return (
        offer && {
          ...toBuyer(ret, {
            kind: 'OFFER_WITHDRAWN',
            rma: at.rma,
            ...(seller ? { sellerName: seller.name } : {}),
            amount: offer.amount,
          }),
          once: `OFFER_WITHDRAWN#${offer.offerId}`,
        }
      );
    },
  },
  'offer.accepted': offerAnswered('ACCEPTED', 'OFFER_ANSWERED'),
  'offer.declined': offerAnswered('DECLINED', 'OFFER_ANSWERED'),
  'offer.expired': offerAnswered('EXPIRED', 'OFFER_EXPIRED'),
  'return.deadline_reminder': {
    withSeller: ({ event, at, seller }) => {
      const deadline = DeadlineChangeSchema.parse(event.data.change.data);
      return toSeller(
        seller,
        {
          kind: 'DEADLINE_REMINDER',
          rma: at.rma,
          returnId: at.id,
          action: deadline.action,
          dueAt: deadline.dueAt,
          rule: deadline.rule,
        },
        // Each deadline's reminder is its own: a return meets several deadlines in its life.
        `DEADLINE_REMINDER#${deadline.rule}#${deadline.dueAt}`,
      );
    },
  },
};

/** Whether the mail an event of this type may owe goes to the seller or names them (a SellerMailRule). */
export const mailNeedsSeller = (type: EventType): boolean => {
  const rule = MAILS[type];
  return rule !== undefined && typeof rule !== 'function';
};

/**
 * The mail an event owes, if any. The event is checked against its contract schema first. `seller` is
 * read only by the mails mailNeedsSeller names: for any other, undefined will do.
 */
export const mailOfEvent = (
  event: unknown,
  ret: Return,
  seller: Seller | undefined,
): EventMail | undefined => {
  const parsed = ReturnEventSchema.parse(event);
  const rule = MAILS[parsed.type];
  const context = { event: parsed, at: parsed.data.return, ret };
  return typeof rule === 'function' ? rule(context) : rule?.withSeller({ ...context, seller });
};
