import { IllegalTransitionError, NotAnswerableError, ValidationError } from './errors.js';
import { MAX_OFFERS, MAX_OFFER_DAYS, acceptedOfferOf, openOfferOf, type Offer } from './conversation.js';
import { returnCurrency } from './lifecycle-credits.js';
import { creditableBesideRefund, withNegotiatedAmount } from './negotiated-refund.js';
import type { Change } from './lifecycle-change.js';
import type { LifecycleCommand } from './lifecycle-command.js';
import { HAPPY_PATH, type Return, type Status } from './return.js';

/**
 * A seller's partial-refund offer and its answers (docs/design.md "Messages and offers"). None but an
 * accepted keepItem offer moves the return: declining, withdrawing or letting it expire leaves it where
 * it was.
 */
const DAY_MS = 86_400_000;

type CommandOf<T extends LifecycleCommand['type']> = Extract<LifecycleCommand, { type: T }>;

/** Where an offer can be made and accepted: before the refund is issued. */
const BEFORE_REFUND: readonly Status[] = HAPPY_PATH.slice(0, HAPPY_PATH.indexOf('REFUND_IN_PROGRESS'));
/** Where a keepItem offer can be made: before the parcel is on its way back. */
const BEFORE_SHIPPING: readonly Status[] = ['AUTHORIZATION_REQUIRED', 'AUTHORIZED', 'LABEL_ISSUED'];
/**
 * Where a keepItem offer can be accepted: not in AUTHORIZED, where the label is being bought (a moment
 * later it is LABEL_ISSUED, and the answer is taken).
 */
const KEEP_ITEM_ACCEPTABLE: readonly Status[] = ['AUTHORIZATION_REQUIRED', 'LABEL_ISSUED'];

const offerOf = (ret: Return, offerId: string): Offer => {
  const offer = ret.offers?.find((o) => o.offerId === offerId);
  if (!offer) throw new NotAnswerableError('UNKNOWN', `the return has no offer ${offerId}`);
  return offer;
};

const REASON_OF: Record<Exclude<Offer['status'], 'OPEN'>, 'ANSWERED' | 'WITHDRAWN' | 'EXPIRED'> = {
  ACCEPTED: 'ANSWERED',
  DECLINED: 'ANSWERED',
  WITHDRAWN: 'WITHDRAWN',
  EXPIRED: 'EXPIRED',
};

/** The offer, if it is still open and has not run out at `now`. */
export const openOffer = (ret: Return, offerId: string, now: Date): Offer => {
  const offer = offerOf(ret, offerId);
  if (offer.status !== 'OPEN') {
    throw new NotAnswerableError(REASON_OF[offer.status], `the offer is ${offer.status.toLowerCase()}`);
  }
  if (now.getTime() >= Date.parse(offer.expiresAt))
    throw new NotAnswerableError('EXPIRED', 'the offer has expired');
  return offer;
};

const settled = (ret: Return, offer: Offer, status: Offer['status'], via: Offer['answeredVia'], now: Date) =>
  (ret.offers ?? []).map((o) =>
    o.offerId === offer.offerId ? { ...o, status, answeredAt: now.toISOString(), answeredVia: via } : o,
  );

export const makeOffer = (ret: Return, cmd: CommandOf<'MAKE_OFFER'>, now: Date): Change => {
  const { offer } = cmd;
  if (!BEFORE_REFUND.includes(ret.status)) throw new IllegalTransitionError(ret.status, cmd.type);
  if (offer.keepItem && !BEFORE_SHIPPING.includes(ret.status)) {
    throw new ValidationError('a keepItem offer must come before the item is on its way back', [
      { field: 'keepItem', rule: `must be false once the return is ${ret.status}` },
    ]);
  }
  const open = openOfferOf(ret);
  if (open) {
    throw new ValidationError('at most one offer is open at a time', [
      { field: '(body)', rule: `offer ${open.offerId} is open: withdraw it first` },
    ]);
  }
  if (acceptedOfferOf(ret)) {
    throw new ValidationError('the buyer accepted an offer already', [
      { field: '(body)', rule: 'must not follow an accepted offer' },
    ]);
  }
  if ((ret.offers ?? []).length >= MAX_OFFERS) {
    throw new ValidationError(`a return holds at most ${MAX_OFFERS} offers`, [
      { field: '(body)', rule: `must not be offer ${MAX_OFFERS + 1} on one return` },
    ]);
  }
  const currency = returnCurrency(ret);
  if (offer.amount.currency !== currency) {
    throw new ValidationError(`the offer must be in ${currency}, the currency of the return`, [
      { field: 'amount/currency', rule: `must be ${currency}` },
    ]);
  }
  const cap = creditableBesideRefund(ret);
  if (offer.amount.amount > cap.amount) {
    throw new ValidationError('the offer exceeds what was paid less earlier credits', [
      { field: 'amount/amount', rule: `must be at most ${cap.amount} (what was paid less concessions)` },
    ]);
  }
  const expiresAt = Date.parse(offer.expiresAt);
  if (expiresAt <= now.getTime() || expiresAt > now.getTime() + MAX_OFFER_DAYS * DAY_MS) {
    throw new ValidationError('the offer must expire in the future, within the longest an offer stands', [
      { field: 'expiresAt', rule: `must be after now and at most ${MAX_OFFER_DAYS} days ahead` },
    ]);
  }
  return {
    to: ret.status,
    patch: { offers: [...(ret.offers ?? []), offer] },
    ...(offer.message === '' ? {} : { note: offer.message }),
    data: {
      offerId: offer.offerId,
      amount: offer.amount,
      keepItem: offer.keepItem,
      expiresAt: offer.expiresAt,
    },
  };
};

/**
 * The buyer accepts: the offer settles the refund. A refund waiting for approval takes the offered
 * amount at once (NEGOTIATED_ADJUSTMENT, capped); otherwise ComputeRefund applies it later. A keepItem
 * offer makes the return a returnless refund: AUTHORIZED, its carrier wait (if any) let go; the label,
 * unused, is voided after.
 */
export const acceptOffer = (ret: Return, cmd: CommandOf<'ACCEPT_OFFER'>, now: Date): Change => {
  const offer = openOffer(ret, cmd.offerId, now);
  const acceptable = offer.keepItem ? KEEP_ITEM_ACCEPTABLE : BEFORE_REFUND;
  if (!acceptable.includes(ret.status)) throw new IllegalTransitionError(ret.status, cmd.type);
  const offers = settled(ret, offer, 'ACCEPTED', cmd.via, now);
  const data = { offerId: offer.offerId, amount: offer.amount, keepItem: offer.keepItem, via: cmd.via };
  if (offer.keepItem) {
    const { taskToken: _released, ...pipeline } = ret.pipeline ?? {};
    return {
      to: 'AUTHORIZED',
      patch: { offers, returnless: true, ...(ret.pipeline ? { pipeline } : {}) },
      note: 'the buyer keeps the item: a returnless refund of the offered amount',
      data,
    };
  }
  if (ret.refund && ret.status === 'REFUND_PENDING_APPROVAL') {
    const refund = { ...ret.refund, ...withNegotiatedAmount(ret.refund, offer, creditableBesideRefund(ret)) };
    return { to: ret.status, patch: { offers, refund }, data: { ...data, refundAmount: refund.amount } };
  }
  return { to: ret.status, patch: { offers }, data };
};

export const declineOffer = (ret: Return, cmd: CommandOf<'DECLINE_OFFER'>, now: Date): Change => {
  const offer = openOffer(ret, cmd.offerId, now);
  return {
    to: ret.status,
    patch: { offers: settled(ret, offer, 'DECLINED', cmd.via, now) },
    data: { offerId: offer.offerId, via: cmd.via },
  };
};

export const withdrawOffer = (ret: Return, cmd: CommandOf<'WITHDRAW_OFFER'>, now: Date): Change => {
  const offer = openOffer(ret, cmd.offerId, now);
  return {
    to: ret.status,
    patch: { offers: settled(ret, offer, 'WITHDRAWN', 'SELLER', now) },
    data: { offerId: offer.offerId },
  };
};

/** An open offer whose time ran out is marked so; one still running is refused. */
export const expireOffer = (ret: Return, cmd: CommandOf<'EXPIRE_OFFER'>, now: Date): Change => {
  const offer = offerOf(ret, cmd.offerId);
  if (offer.status !== 'OPEN' || now.getTime() < Date.parse(offer.expiresAt)) {
    throw new IllegalTransitionError(ret.status, cmd.type);
  }
  return {
    to: ret.status,
    patch: { offers: settled(ret, offer, 'EXPIRED', 'EXPIRY', now) },
    data: { offerId: offer.offerId, expiresAt: offer.expiresAt },
  };
};
