import { describe, expect, it } from 'vitest';
import { transition, type TransitionContext } from '../../domain/lifecycle.js';
import { decideRefund } from '../../domain/refund-decision.js';
import { defaultPolicy } from '../../domain/policy.js';
import { IllegalTransitionError, NotAnswerableError, ValidationError } from '../../domain/errors.js';
import type { Offer } from '../../domain/conversation.js';
import type { Concession, Return } from '../../domain/return.js';
import { makeReturn, TEST_RETURN_ADDRESS } from '../support/return-factory.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const DAY = 86_400_000;
const seller: TransitionContext = { now: NOW, actor: { kind: 'seller', id: 's-1' } };
const buyer: TransitionContext = { now: NOW, actor: { kind: 'buyer' } };

/** The factory's return: one line of 2599 plus 208 tax, 2807 USD paid. */
const returnIn = (status: Return['status'], overrides: Partial<Return> = {}) =>
  makeReturn({ sellerId: 's-1', status, createdAt: NOW.toISOString(), ...overrides });

const offer = (amount: number, changes: Partial<Offer> = {}): Offer => ({
  offerId: `offer-${amount}`,
  amount: { amount, currency: 'USD' },
  keepItem: false,
  message: '',
  status: 'OPEN',
  createdAt: NOW.toISOString(),
  expiresAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
  linkNonce: 'n',
  ...changes,
});

const concession = (amount: number): Concession => ({
  concessionId: `cn-${amount}`,
  amount: { amount, currency: 'USD' },
  reason: 'goodwill',
  status: 'COMPLETED',
  at: NOW.toISOString(),
});

const make = (ret: Return, o: Offer) => transition(ret, { type: 'MAKE_OFFER', offer: o }, seller);
const accept = (ret: Return, offerId: string, ctx = buyer) =>
  transition(ret, { type: 'ACCEPT_OFFER', offerId, via: 'LINK' }, ctx);

const refused = (f: () => unknown, error: new (...args: never[]) => Error, ret: Return) => {
  const before = structuredClone(ret);
  expect(f).toThrow(error);
  expect(ret).toEqual(before);
};

describe('partial-refund offers', () => {
  it('caps an offer at what was paid less concessions, and the accepted amount again when the refund is computed', () => {
    const ret = returnIn('INSPECTED', { concessions: [concession(1000)] });
    refused(() => make(ret, offer(1808)), ValidationError, ret);
    const made = make(ret, offer(1807));
    // A concession paid after the offer was made: the refund is capped by what then remains.
    const later = transition(
      accept(made, 'offer-1807'),
      { type: 'ADD_CONCESSION', concession: concession(500) },
      seller,
    );
    const refund = decideRefund(later, defaultPolicy('US', TEST_RETURN_ADDRESS), NOW);
    expect(refund.amount).toEqual({ amount: 1307, currency: 'USD' });
    // The computed lines were capped at 1307 already (CAP); the adjustment line says why it is not 1807.
    expect(refund.breakdown.reduce((total, line) => total + line.amount, 0)).toBe(1307);
    const adjustment = refund.breakdown.at(-1)!;
    expect(adjustment.kind).toBe('NEGOTIATED_ADJUSTMENT');
    expect(adjustment.explanation).toMatch(/limited to the \$13\.07 that remains refundable/);
    // Refund and concessions together never exceed what was paid.
    const computed = transition(
      later,
      { type: 'COMPUTE_REFUND', refund },
      { now: NOW, actor: { kind: 'system' } },
    );
    refused(
      () => transition(computed, { type: 'ADD_CONCESSION', concession: concession(1) }, seller),
      ValidationError,
      computed,
    );
  });

  it('replaces a refund waiting for approval with the offered amount, its own line, still waiting', () => {
    const waiting = returnIn('REFUND_PENDING_APPROVAL');
    const next = accept(make(waiting, offer(2000)), 'offer-2000');
    expect(next.status).toBe('REFUND_PENDING_APPROVAL');
    expect(next.refund!.amount).toEqual({ amount: 2000, currency: 'USD' });
    expect(next.refund!.breakdown.filter((l) => l.kind === 'NEGOTIATED_ADJUSTMENT')).toEqual([
      expect.objectContaining({ amount: 2000 - 2807 }),
    ]);
    expect(next.refund!.breakdown.reduce((t, l) => t + l.amount, 0)).toBe(2000);
  });

  it('runs an accepted keepItem offer as a returnless refund, from the request or the issued label', () => {
    for (const status of ['AUTHORIZATION_REQUIRED', 'LABEL_ISSUED'] as const) {
      const ret = returnIn(status, status === 'LABEL_ISSUED' ? { pipeline: { taskToken: 't-1' } } : {});
      const next = accept(make(ret, offer(900, { keepItem: true })), 'offer-900');
      expect(next).toMatchObject({ status: 'AUTHORIZED', returnless: true });
      expect(next.pipeline?.taskToken).toBeUndefined();
      expect(next.timeline.at(-1)).toMatchObject({ type: 'ACCEPT_OFFER', from: status, to: 'AUTHORIZED' });
    }
  });

  it('refuses a keepItem offer once the item is on its way, and its acceptance while the label is being bought', () => {
    const inTransit = returnIn('IN_TRANSIT');
    refused(() => make(inTransit, offer(900, { keepItem: true })), ValidationError, inTransit);
    const authorized = make(returnIn('AUTHORIZED'), offer(900, { keepItem: true }));
    refused(() => accept(authorized, 'offer-900'), IllegalTransitionError, authorized);
  });

  it('keeps one offer open at a time, none after an accepted one, and none once the refund is issued', () => {
    const open = make(returnIn('DELIVERED'), offer(900));
    refused(() => make(open, offer(800)), ValidationError, open);
    const withdrawn = transition(open, { type: 'WITHDRAW_OFFER', offerId: 'offer-900' }, seller);
    const again = make(withdrawn, offer(800));
    expect(again.offers!.map((o) => o.status)).toEqual(['WITHDRAWN', 'OPEN']);
    const accepted = accept(again, 'offer-800');
    refused(() => make(accepted, offer(700)), ValidationError, accepted);
    const paying = returnIn('REFUND_IN_PROGRESS');
    refused(() => make(paying, offer(700)), IllegalTransitionError, paying);
  });

  it('answers an offer once: accepted, declined, withdrawn or expired, it is not open any more', () => {
    const open = make(returnIn('DELIVERED'), offer(900));
    const declined = transition(open, { type: 'DECLINE_OFFER', offerId: 'offer-900', via: 'API' }, buyer);
    expect(declined.status).toBe('DELIVERED');
    const error = (() => {
      try {
        accept(declined, 'offer-900');
      } catch (e) {
        return e as NotAnswerableError;
      }
    })();
    expect(error).toMatchObject({ reason: 'ANSWERED' });
    refused(() => accept(declined, 'offer-unknown'), NotAnswerableError, declined);
  });

  it('expires an offer only once its time ran out, and refuses an answer after that', () => {
    const open = make(returnIn('DELIVERED'), offer(900));
    refused(
      () => transition(open, { type: 'EXPIRE_OFFER', offerId: 'offer-900' }, seller),
      IllegalTransitionError,
      open,
    );
    const late = { now: new Date(NOW.getTime() + 7 * DAY), actor: { kind: 'system' as const } };
    refused(() => accept(open, 'offer-900', { ...late, actor: { kind: 'buyer' } }), NotAnswerableError, open);
    const expired = transition(open, { type: 'EXPIRE_OFFER', offerId: 'offer-900' }, late);
    expect(expired.offers![0]).toMatchObject({ status: 'EXPIRED', answeredVia: 'EXPIRY' });
    expect(expired.status).toBe('DELIVERED');
  });

  it('refuses an expiry that is not in the future, or more than 30 days ahead', () => {
    const ret = returnIn('DELIVERED');
    refused(() => make(ret, offer(900, { expiresAt: NOW.toISOString() })), ValidationError, ret);
    refused(
      () => make(ret, offer(900, { expiresAt: new Date(NOW.getTime() + 31 * DAY).toISOString() })),
      ValidationError,
      ret,
    );
  });
});
