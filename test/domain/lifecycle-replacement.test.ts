import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, ValidationError } from '../../domain/errors.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { resolutionOf } from '../../domain/lifecycle-replacement.js';
import { counterChanges } from '../../domain/return-analytics.js';
import type { Refund } from '../../domain/refund.js';
import type { Return } from '../../domain/return.js';
import { makeReturn } from '../support/return-factory.js';
import { deepFreeze } from './arbitraries.js';

const NOW = { now: new Date('2026-11-20T10:00:00Z'), actor: { kind: 'seller' as const, id: 's-1' } };
const apply = (ret: Return, ...commands: LifecycleCommand[]): Return =>
  commands.reduce((acc, command) => transition(deepFreeze(acc), command, NOW), ret);

const inspected = (resolution?: 'REFUND' | 'REPLACE', over: Partial<Return> = {}): Return => {
  const ret = makeReturn({ sellerId: 's-1', status: 'INSPECTED', ...over });
  return { ...ret, inspection: { ...ret.inspection!, ...(resolution ? { resolution } : {}) } };
};
const refund = (amount: number): Refund => ({
  refundId: 'r-refund',
  status: 'SUBMITTED',
  amount: { amount, currency: 'USD' },
  breakdown: [{ kind: 'ITEM', amount, currency: 'USD', explanation: 'item' }],
  requiresApproval: false,
  computedAt: NOW.now.toISOString(),
});
const REQUEST: LifecycleCommand = { type: 'REQUEST_REPLACEMENT' };
const SHIP: LifecycleCommand = { type: 'SHIP_REPLACEMENT', carrier: 'ups', trackingNumber: '1ZREPL01' };

const refusal = (f: () => unknown): Error => {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
};

describe('the resolution', () => {
  it("is REFUND by default, the authorization's otherwise, and the inspection's over both", () => {
    const ret = inspected();
    expect(resolutionOf(ret)).toBe('REFUND');
    expect(resolutionOf({ ...ret, resolution: 'REPLACE' })).toBe('REPLACE');
    expect(resolutionOf({ ...inspected('REFUND'), resolution: 'REPLACE' })).toBe('REFUND');
    expect(resolutionOf({ ...inspected('REPLACE'), resolution: 'REFUND' })).toBe('REPLACE');
  });

  it('is recorded by AUTHORIZE, and REPLACE is refused for a buyer-remorse reason (422 naming resolution)', () => {
    const requested = makeReturn({ sellerId: 's-1' });
    expect(apply(requested, { type: 'AUTHORIZE', resolution: 'REPLACE' })).toMatchObject({
      status: 'AUTHORIZED',
      resolution: 'REPLACE',
    });
    const remorse = deepFreeze({ ...requested, reason: 'CHANGED_MIND' as const });
    const error = refusal(() => transition(remorse, { type: 'AUTHORIZE', resolution: 'REPLACE' }, NOW));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: 'resolution', rule: expect.stringContaining('must not be REPLACE for reason CHANGED_MIND') },
    ]);
  });

  it("refuses an inspection's REPLACE on a buyer-remorse return, changing nothing", () => {
    const delivered = deepFreeze({
      ...makeReturn({ sellerId: 's-1', status: 'DELIVERED' }),
      reason: 'NO_LONGER_NEEDED' as const,
    });
    const inspection = {
      lines: [{ sku: 'SKU-1', grade: 'AS_NEW' as const }],
      disposition: 'RESTOCK' as const,
    };
    expect(() =>
      transition(
        delivered,
        { type: 'RECORD_INSPECTION', inspection: { ...inspection, resolution: 'REPLACE' } },
        NOW,
      ),
    ).toThrow(ValidationError);
    expect(apply(delivered, { type: 'RECORD_INSPECTION', inspection }).status).toBe('INSPECTED');
  });
});

describe('REQUEST_REPLACEMENT', () => {
  it('reserves every line of the return and waits in REPLACEMENT_PENDING, with no refund', () => {
    const two = inspected('REPLACE', {
      items: [
        { ...makeReturn({ sellerId: 's-1' }).items[0]!, sku: 'SKU-1', quantity: 2 },
        { ...makeReturn({ sellerId: 's-1' }).items[0]!, sku: 'SKU-9', quantity: 1 },
      ],
    });
    const next = apply(two, REQUEST);
    expect(next.status).toBe('REPLACEMENT_PENDING');
    expect(next.refund).toBeUndefined();
    expect(next.replacement?.items).toEqual([
      { sku: 'SKU-1', quantity: 2 },
      { sku: 'SKU-9', quantity: 1 },
    ]);
    expect(next.inventoryAdjustments).toEqual([
      { sku: 'SKU-1', quantity: 2, reservation: 'RESERVED', at: NOW.now.toISOString() },
      { sku: 'SKU-9', quantity: 1, reservation: 'RESERVED', at: NOW.now.toISOString() },
    ]);
    expect(next.timeline.at(-1)).toMatchObject({
      type: 'REQUEST_REPLACEMENT',
      data: { items: next.replacement!.items },
    });
  });

  it('goes straight from AUTHORIZED for a returnless replacement, and only then', () => {
    const authorized = apply(makeReturn({ sellerId: 's-1' }), { type: 'AUTHORIZE', resolution: 'REPLACE' });
    expect(() => transition(deepFreeze(authorized), REQUEST, NOW)).toThrow(IllegalTransitionError);
    const returnless = apply(makeReturn({ sellerId: 's-1' }), {
      type: 'AUTHORIZE',
      resolution: 'REPLACE',
      returnless: true,
    });
    expect(apply(returnless, REQUEST).status).toBe('REPLACEMENT_PENDING');
  });

  it('is refused for a return resolved by a refund, and COMPUTE_REFUND for one resolved by REPLACE (409)', () => {
    expect(() => transition(deepFreeze(inspected()), REQUEST, NOW)).toThrow(IllegalTransitionError);
    expect(() =>
      transition(deepFreeze(inspected('REPLACE')), { type: 'COMPUTE_REFUND', refund: refund(100) }, NOW),
    ).toThrow(IllegalTransitionError);
  });
});

describe('a pending replacement', () => {
  const pending = () => apply(inspected('REPLACE'), REQUEST);

  it('ships once: COMPLETED, the reservation shipped and the returned item disposed of', () => {
    const done = apply(pending(), SHIP);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      replacement: { status: 'SHIPPED', shipment: { carrier: 'ups', trackingNumber: '1ZREPL01' } },
    });
    expect(done.inventoryAdjustments.slice(1)).toEqual([
      { sku: 'SKU-1', quantity: 1, reservation: 'SHIPPED', at: NOW.now.toISOString() },
      { sku: 'SKU-1', quantity: 1, disposition: 'RESTOCK', grade: 'AS_NEW', at: NOW.now.toISOString() },
    ]);
    expect(() => transition(deepFreeze(done), SHIP, NOW)).toThrow(IllegalTransitionError);
    expect(() => transition(deepFreeze(done), { type: 'REFUND_INSTEAD', refund: refund(100) }, NOW)).toThrow(
      IllegalTransitionError,
    );
  });

  it('is refunded instead once: the reservation released, the refund in progress; a second is refused', () => {
    const refunding = apply(pending(), {
      type: 'REFUND_INSTEAD',
      refund: refund(2807),
      reason: 'out of stock',
    });
    expect(refunding).toMatchObject({
      status: 'REFUND_IN_PROGRESS',
      refund: { amount: { amount: 2807 } },
      replacement: { status: 'REFUNDED_INSTEAD', refundedInstead: { reason: 'out of stock' } },
    });
    expect(refunding.inventoryAdjustments.at(-1)).toMatchObject({ reservation: 'RELEASED', quantity: 1 });
    expect(() =>
      transition(deepFreeze(refunding), { type: 'REFUND_INSTEAD', refund: refund(2807) }, NOW),
    ).toThrow(IllegalTransitionError);
    // Its disposition still comes once the refund is paid: reservations are not dispositions.
    const paid = apply(
      refunding,
      { type: 'ISSUE_REFUND', status: 'COMPLETED', providerRef: 're_1' },
      {
        type: 'APPLY_DISPOSITION',
        adjustments: [{ sku: 'SKU-1', quantity: 1, disposition: 'RESTOCK', at: 'x' }],
      },
    );
    expect(paid.inventoryAdjustments.at(-1)).toMatchObject({ disposition: 'RESTOCK' });
  });

  it('refuses a refund over what was paid (422 naming the amount), changing nothing', () => {
    const error = refusal(() =>
      transition(deepFreeze(pending()), { type: 'REFUND_INSTEAD', refund: refund(1_000_000) }, NOW),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.field).toBe('refund/amount');
  });

  it("owes the platform's replacement deadline (Amazon: 2 business days from receipt), none once shipped", () => {
    const ret = pending();
    expect(ret.nextDeadline).toMatchObject({
      action: 'SHIP_REPLACEMENT',
      rule: { id: 'AMAZON_REPLACEMENT_2_BUSINESS_DAYS' },
    });
    expect(apply(ret, SHIP).nextDeadline).toBeUndefined();
  });

  it('moves the status counters; the refund paid instead counts as a refund', () => {
    const ret = pending();
    expect(counterChanges(ret, false)).toEqual([
      {
        bucket: 'day',
        day: ret.createdAt.slice(0, 10),
        dimension: 'status',
        add: { INSPECTED: -1, REPLACEMENT_PENDING: 1 },
      },
      { bucket: 'now', add: { INSPECTED: -1, REPLACEMENT_PENDING: 1 } },
    ]);
    const refunding = apply(ret, { type: 'REFUND_INSTEAD', refund: refund(2807) });
    const paid = apply(refunding, { type: 'ISSUE_REFUND', status: 'COMPLETED', providerRef: 're_1' });
    expect(counterChanges(paid, false)).toContainEqual({
      bucket: 'day',
      day: '2026-11-20',
      dimension: 'credits',
      add: { 'refund:USD': 2807 },
    });
  });
});
