import type { Notification } from '../notifications/notification.js';
import type { Seller } from '../ports.js';
import type { Return } from '../return.js';
import type { EventType } from './event-types.js';

/** One mail an event owes: to whom, in which language, saying what. */
export interface EventMail {
  to: string;
  /** The reader's locale; the renderer falls back to English. */
  locale?: string;
  notification: Notification;
}

type MailRule = (ret: Return, seller: Seller | undefined) => EventMail | undefined;

const toBuyer = (ret: Return, notification: Notification): EventMail => ({
  to: ret.buyer.email,
  ...(ret.buyer.locale === undefined ? {} : { locale: ret.buyer.locale }),
  notification,
});

const toSeller = (seller: Seller | undefined, notification: Notification): EventMail | undefined =>
  seller && { to: seller.email, locale: seller.locale, notification };

/**
 * Event type -> the mail it owes, rendered from the return as the dispatcher reads it. What a mail shows
 * (the label, the refund, the closure, the returnless flag) no longer changes once its event happened,
 * so the latest return says what the event's own version said. Every buyer and seller mail is here:
 * nothing else in the product sends one.
 */
const MAILS: Partial<Record<EventType, MailRule>> = {
  'return.authorized': (ret) =>
    ret.returnless ? toBuyer(ret, { kind: 'RETURN_AUTHORIZED', rma: ret.rma, returnless: true }) : undefined,
  'return.label_issued': (ret) =>
    ret.label &&
    toBuyer(ret, {
      kind: 'RETURN_AUTHORIZED',
      rma: ret.rma,
      returnless: false,
      label: {
        url: ret.label.labelUrl,
        trackingNumber: ret.label.trackingNumber,
        carrier: ret.label.carrier,
        shipBy: ret.label.shipBy,
      },
      returnAddress: ret.label.returnAddress,
    }),
  'return.delivered': (ret) => toBuyer(ret, { kind: 'RETURN_RECEIVED', rma: ret.rma }),
  'refund.pending_approval': (ret, seller) =>
    ret.refund &&
    toSeller(seller, {
      kind: 'REFUND_APPROVAL_REQUIRED',
      rma: ret.rma,
      returnId: ret.id,
      amount: ret.refund.amount,
    }),
  'refund.completed': (ret) =>
    ret.refund &&
    toBuyer(ret, {
      kind: 'REFUND_ISSUED',
      rma: ret.rma,
      amount: ret.refund.amount,
      breakdown: ret.refund.breakdown.map(({ kind, amount, currency }) => ({ kind, amount, currency })),
    }),
  'return.closed': (ret, seller) => {
    const closure = ret.closure;
    if (!closure) return undefined;
    if (closure.reason === 'REFUND_REJECTED') {
      return toBuyer(ret, { kind: 'REFUND_REJECTED', rma: ret.rma, reason: closure.comment ?? '' });
    }
    return toBuyer(ret, {
      kind: 'RETURN_CLOSED',
      rma: ret.rma,
      orderId: ret.orderId,
      reason: closure.reason,
      ...(closure.comment === undefined ? {} : { comment: closure.comment }),
      sellerName: seller?.name ?? '',
    });
  },
  'return.cancelled': (ret, seller) =>
    toSeller(seller, {
      kind: 'RETURN_CANCELLED_BY_BUYER',
      rma: ret.rma,
      orderId: ret.orderId,
      returnId: ret.id,
      buyerEmail: ret.buyer.email,
      ...(ret.cancellation?.comment === undefined ? {} : { comment: ret.cancellation.comment }),
    }),
};

/** The mail an event of `type` owes, if any. */
export const mailOfEvent = (type: string, ret: Return, seller: Seller | undefined): EventMail | undefined =>
  MAILS[type as EventType]?.(ret, seller);
