import { DEFAULT_OFFER_DAYS, type Offer } from '../../domain/conversation.js';
import { transition } from '../../domain/lifecycle.js';
import type { Money } from '../../domain/money.js';
import type { Return } from '../../domain/return.js';
import { applyCommand, decideOnLatest, type ApplyCommandDeps, type Decision } from './apply-command.js';
import { linkNonce } from './post-message.js';
import { requestDerivedId } from './request-derived-id.js';

const DAY_MS = 86_400_000;

export interface OfferBody {
  amount: Money;
  keepItem: boolean;
  message: string;
  expiresAt?: string;
}

/**
 * POST /v1/returns/{id}/offers: the seller offers a partial refund.
 * 1. on the latest return, MAKE_OFFER (at most one open, within what was paid less concessions, a
 *    keepItem offer only before the item ships: lifecycle-offers.ts); an offer this request already
 *    made (its Idempotency-Key again) is taken up;
 * 2. its event (offer.made) mails the buyer the offer from the outbox, once, with its accept and
 *    decline links, signed and bound to the offer, its amount and its nonce, expiring with it (default
 *    DEFAULT_OFFER_DAYS).
 */
export const makeOffer = async (
  deps: ApplyCommandDeps,
  sellerId: string,
  returnId: string,
  body: OfferBody,
  request: { idempotencyKey?: string },
): Promise<{ ret: Return; offer: Offer }> => {
  const offerId = requestDerivedId(sellerId, returnId, 'offer', request.idempotencyKey);
  const ret = await decideOnLatest(deps, sellerId, returnId, (current): Decision<Return> => {
    if (current.offers?.some((o) => o.offerId === offerId)) return { answer: current };
    const now = deps.clock.now();
    const offer: Offer = {
      offerId,
      amount: body.amount,
      keepItem: body.keepItem,
      message: body.message,
      status: 'OPEN',
      createdAt: now.toISOString(),
      expiresAt: body.expiresAt
        ? new Date(body.expiresAt).toISOString()
        : new Date(now.getTime() + DEFAULT_OFFER_DAYS * DAY_MS).toISOString(),
      linkNonce: linkNonce(),
    };
    return {
      write: transition(
        current,
        { type: 'MAKE_OFFER', offer },
        { now, actor: { kind: 'seller', id: sellerId } },
      ),
      answerWritten: (written) => written,
    };
  });
  const offer = ret.offers!.find((o) => o.offerId === offerId)!;
  return { ret, offer };
};

/** POST /v1/returns/{id}/offers/{offerId}/withdraw: the seller takes back an open offer. */
export const withdrawOffer = (deps: ApplyCommandDeps, sellerId: string, returnId: string, offerId: string) =>
  applyCommand(
    deps,
    sellerId,
    returnId,
    { type: 'WITHDRAW_OFFER', offerId },
    { kind: 'seller', id: sellerId },
  );
