import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { openReturn } from '../../domain/open-return.js';
import { defaultPolicy } from '../../domain/policy.js';
import { counterChanges, reportRange, type CounterChange } from '../../domain/return-analytics.js';
import type { Return } from '../../domain/return.js';

const OPENED = new Date('2026-11-20T23:30:00.000Z');
const LATER = new Date('2026-11-22T08:00:00.000Z');
const address = { name: 'Acme', line1: '1 Dock Rd', city: 'Reno', postalCode: '89502', country: 'US' };
const usd = (amount: number) => ({ amount, currency: 'USD' as const });

/** Opened on the 20th, outside the window (so it waits for the seller), with two lines of one SKU and one of another. */
const opened = (): Return =>
  openReturn({
    id: '01KAB3CDEFGHJKMNPQRSTVWXYZ',
    rma: 'RMA-ABCDE-FGHJK',
    sellerId: 'seller-1',
    now: OPENED,
    policy: defaultPolicy('US', address),
    request: {
      orderId: '113-1',
      marketplace: 'US',
      buyer: { email: 'b@example.com', country: 'US' },
      deliveredAt: '2026-09-01T10:00:00Z',
      items: [
        { sku: 'SKU-1', category: 'electronics', quantity: 2, unitPrice: usd(1000) },
        { sku: 'SKU-2', category: 'toys', quantity: 1, unitPrice: usd(500) },
      ],
      reason: 'DEFECTIVE',
    },
  });

const apply = (ret: Return, command: LifecycleCommand, now = LATER) =>
  transition(ret, command, { now, actor: { kind: 'seller', id: 'seller-1' } });

/** A concession of 3.00 added to the opened return, not paid yet. */
const conceded = () =>
  apply(opened(), {
    type: 'ADD_CONCESSION',
    concession: {
      concessionId: 'c-1',
      amount: usd(300),
      reason: 'Sorry',
      status: 'SUBMITTED',
      at: LATER.toISOString(),
    },
  });

describe('the counters a write of a return adds to', () => {
  it('counts a new return once: its reason, its units by SKU, and its status on its day and now', () => {
    expect(counterChanges(opened(), true)).toEqual<CounterChange[]>([
      { bucket: 'day', day: '2026-11-20', dimension: 'reason', add: { DEFECTIVE: 1 } },
      { bucket: 'day', day: '2026-11-20', dimension: 'sku', add: { 'SKU-1': 2, 'SKU-2': 1 } },
      { bucket: 'day', day: '2026-11-20', dimension: 'status', add: { AUTHORIZATION_REQUIRED: 1 } },
      { bucket: 'now', add: { AUTHORIZATION_REQUIRED: 1 } },
    ]);
  });

  it("moves a change of status from the old to the new, on the return's opening day, not the day of the change", () => {
    const authorized = apply(opened(), { type: 'AUTHORIZE', returnless: false });
    expect(counterChanges(authorized, false)).toEqual<CounterChange[]>([
      {
        bucket: 'day',
        day: '2026-11-20',
        dimension: 'status',
        add: { AUTHORIZATION_REQUIRED: -1, AUTHORIZED: 1 },
      },
      { bucket: 'now', add: { AUTHORIZATION_REQUIRED: -1, AUTHORIZED: 1 } },
    ]);
  });

  it('adds nothing for a write that keeps the status and pays nothing', () => {
    expect(counterChanges(conceded(), false)).toEqual([]);
  });

  it('counts a concession paid on the day the provider says so, in its currency', () => {
    const paid = apply(conceded(), {
      type: 'CONCESSION_STATUS',
      concessionId: 'c-1',
      status: 'COMPLETED',
      providerRef: 'fp_1',
    });
    expect(counterChanges(paid, false)).toEqual<CounterChange[]>([
      { bucket: 'day', day: '2026-11-22', dimension: 'credits', add: { 'concession:USD': 300 } },
    ]);
    const failed = apply(conceded(), { type: 'CONCESSION_STATUS', concessionId: 'c-1', status: 'FAILED' });
    expect(counterChanges(failed, false)).toEqual([]);
  });

  it('counts a refund when it is paid (REFUNDED), with the status move', () => {
    const ret: Return = {
      ...opened(),
      status: 'REFUND_IN_PROGRESS',
      refund: {
        refundId: 'r-1',
        status: 'SUBMITTED',
        amount: usd(2500),
        breakdown: [],
        requiresApproval: false,
        computedAt: LATER.toISOString(),
      },
    };
    const refunded = apply(ret, { type: 'ISSUE_REFUND', status: 'COMPLETED', providerRef: 'fp_2' });
    expect(counterChanges(refunded, false)).toContainEqual<CounterChange>({
      bucket: 'day',
      day: '2026-11-22',
      dimension: 'credits',
      add: { 'refund:USD': 2500 },
    });
    const pending = apply(ret, { type: 'ISSUE_REFUND', status: 'IN_PROGRESS' });
    expect(
      counterChanges(pending, false).filter((c) => c.bucket === 'day' && c.dimension === 'credits'),
    ).toEqual([]);
  });
});

describe('the days a report covers', () => {
  const now = new Date('2026-12-01T15:00:00Z');

  it('defaults to the 30 days up to today, UTC', () => {
    expect(reportRange({ groupBy: 'sku' }, now)).toEqual({
      from: '2026-11-02',
      to: '2026-12-01',
      groupBy: 'sku',
    });
  });

  it('takes 92 days, and refuses 93, naming the field', () => {
    expect(reportRange({ from: '2026-09-01', to: '2026-12-01', groupBy: 'reason' }, now).from).toBe(
      '2026-09-01',
    );
    const refused = (() => {
      try {
        return reportRange({ from: '2026-08-31', to: '2026-12-01', groupBy: 'reason' }, now);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([
      { field: 'query/from', rule: 'must be at most 91 days before to' },
    ]);
  });
});
