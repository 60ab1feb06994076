import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, ValidationError } from '../../domain/errors.js';
import {
  committedCredits,
  totalPaid,
  transition,
  type LifecycleCommand,
  type TransitionContext,
} from '../../domain/lifecycle.js';
import { ReturnSchema, STATUSES, type Concession, type Return, type Status } from '../../domain/return.js';
import { makeReturn } from '../support/return-factory.js';
import { deepFreeze } from './arbitraries.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const ctx: TransitionContext = { now: NOW, actor: { kind: 'system' } };
const SELLER = 'seller-waits';
const usd = (amount: number) => ({ amount, currency: 'USD' as const });

const returnIn = (status: Status, overrides: Partial<Return> = {}): Return =>
  makeReturn({ sellerId: SELLER, status, ...overrides });

/** Applies `command` to a frozen return, so a mutation of the input throws. */
const apply = (ret: Return, command: LifecycleCommand): Return => transition(deepFreeze(ret), command, ctx);

/** Asserts that `command` is refused with `error` and leaves `ret` exactly as it was. */
const refused = <E extends Error>(
  ret: Return,
  command: LifecycleCommand,
  error: new (...args: never[]) => E,
): E => {
  const before = structuredClone(ret);
  let thrown: unknown;
  try {
    apply(ret, command);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(error);
  expect(ret).toEqual(before);
  return thrown as E;
};

const concession = (id: string, amount: number, status: Concession['status']): Concession => ({
  concessionId: id,
  amount: usd(amount),
  reason: 'goodwill',
  status,
  at: '2026-11-15T00:00:00.000Z',
});

describe('the pipeline waits keep their task tokens apart', () => {
  const tokens = {
    taskToken: 'carrier-token',
    inspectionToken: 'old-inspection',
    approvalToken: 'old-approval',
  };

  it('AWAIT_INSPECTION stores the inspection token on a DELIVERED return, keeping the others and the status', () => {
    const before = returnIn('DELIVERED', { pipeline: { taskToken: 'carrier-token' } });

    const next = apply(before, { type: 'AWAIT_INSPECTION', taskToken: 'inspection-token' });

    expect(next.status).toBe('DELIVERED');
    expect(next.pipeline).toEqual({ taskToken: 'carrier-token', inspectionToken: 'inspection-token' });
    expect(next.timeline.at(-1)).toMatchObject({
      type: 'AWAIT_INSPECTION',
      from: 'DELIVERED',
      to: 'DELIVERED',
    });
    expect(ReturnSchema.parse(next)).toEqual(next);
  });

  it('AWAIT_INSPECTION replaces only an earlier inspection token', () => {
    const next = apply(returnIn('DELIVERED', { pipeline: tokens }), {
      type: 'AWAIT_INSPECTION',
      taskToken: 'new-inspection',
    });

    expect(next.pipeline).toEqual({ ...tokens, inspectionToken: 'new-inspection' });
  });

  it('AWAIT_INSPECTION works on a return that never waited before', () => {
    const next = apply(returnIn('DELIVERED'), { type: 'AWAIT_INSPECTION', taskToken: 'inspection-token' });

    expect(next.pipeline).toEqual({ inspectionToken: 'inspection-token' });
  });

  it.each(STATUSES.filter((s) => s !== 'DELIVERED'))('AWAIT_INSPECTION is refused on %s', (status) => {
    refused(returnIn(status), { type: 'AWAIT_INSPECTION', taskToken: 't' }, IllegalTransitionError);
  });

  it('COMPUTE_REFUND stores the approval token on a REFUND_PENDING_APPROVAL return, keeping the others', () => {
    const before = returnIn('REFUND_PENDING_APPROVAL', {
      pipeline: { taskToken: 'carrier-token', inspectionToken: 'inspection-token' },
    });

    const next = apply(before, { type: 'COMPUTE_REFUND', taskToken: 'approval-token' });

    expect(next.status).toBe('REFUND_PENDING_APPROVAL');
    expect(next.pipeline).toEqual({
      taskToken: 'carrier-token',
      inspectionToken: 'inspection-token',
      approvalToken: 'approval-token',
    });
    expect(next.refund).toEqual(before.refund);
  });

  it.each(STATUSES.filter((s) => s !== 'REFUND_PENDING_APPROVAL'))(
    'COMPUTE_REFUND is refused on %s',
    (status) => {
      refused(returnIn(status), { type: 'COMPUTE_REFUND', taskToken: 't' }, IllegalTransitionError);
    },
  );

  it('COMPUTE_REFUND keeps the token with a refund that waits for approval, and drops it otherwise', () => {
    const refund = returnIn('REFUND_PENDING_APPROVAL').refund!;
    const inspected = returnIn('INSPECTED', { pipeline: { taskToken: 'carrier-token' } });

    const waiting = apply(inspected, {
      type: 'COMPUTE_REFUND',
      refund: { ...refund, requiresApproval: true },
      taskToken: 'approval-token',
    });
    const going = apply(inspected, {
      type: 'COMPUTE_REFUND',
      refund: { ...refund, requiresApproval: false },
      taskToken: 'approval-token',
    });

    expect(waiting.status).toBe('REFUND_PENDING_APPROVAL');
    expect(waiting.pipeline).toEqual({ taskToken: 'carrier-token', approvalToken: 'approval-token' });
    expect(going.status).toBe('REFUND_IN_PROGRESS');
    expect(going.pipeline).toEqual({ taskToken: 'carrier-token' });
  });

  it('ISSUE_LABEL replaces only the carrier token', () => {
    const next = apply(returnIn('IN_TRANSIT', { pipeline: tokens }), {
      type: 'ISSUE_LABEL',
      taskToken: 'new-carrier',
    });

    expect(next.pipeline).toEqual({ ...tokens, taskToken: 'new-carrier' });
  });

  it('a run that waits for the carrier, then the inspection, keeps both tokens, each in its own field', () => {
    let ret = returnIn('LABEL_ISSUED');
    ret = apply(ret, { type: 'ISSUE_LABEL', taskToken: 'carrier-token' });
    ret = apply(ret, {
      type: 'TRACKING_EVENT',
      status: 'DELIVERED',
      eventId: 'ev-1',
      occurredAt: '2026-11-18T00:00:00Z',
    });
    ret = apply(ret, { type: 'AWAIT_INSPECTION', taskToken: 'inspection-token' });

    expect(ret.status).toBe('DELIVERED');
    expect(ret.pipeline).toEqual({ taskToken: 'carrier-token', inspectionToken: 'inspection-token' });
  });
});

describe('CONCESSION_STATUS', () => {
  const two = [concession('cn-a', 300, 'SUBMITTED'), concession('cn-b', 200, 'SUBMITTED')];

  it("updates that concession's status and provider reference, and nothing else", () => {
    const before = returnIn('COMPLETED', { concessions: two });

    const next = apply(before, {
      type: 'CONCESSION_STATUS',
      concessionId: 'cn-b',
      status: 'COMPLETED',
      providerRef: 'fp_123',
    });

    expect(next.status).toBe('COMPLETED');
    expect(next.concessions).toEqual([two[0], { ...two[1], status: 'COMPLETED', providerRef: 'fp_123' }]);
    expect(next.timeline.at(-1)).toMatchObject({
      type: 'CONCESSION_STATUS',
      from: 'COMPLETED',
      to: 'COMPLETED',
      data: { concessionId: 'cn-b', status: 'COMPLETED' },
    });
    expect(ReturnSchema.parse(next)).toEqual(next);
  });

  it('keeps an earlier provider reference when the new word has none, and records the error', () => {
    const withRef = [{ ...concession('cn-a', 300, 'IN_PROGRESS'), providerRef: 'fp_1' }];

    const next = apply(returnIn('CLOSED', { concessions: withRef }), {
      type: 'CONCESSION_STATUS',
      concessionId: 'cn-a',
      status: 'FAILED',
      error: 'card closed',
    });

    expect(next.concessions).toEqual([{ ...withRef[0], status: 'FAILED' }]);
    expect(next.timeline.at(-1)?.note).toBe('card closed');
  });

  it('frees the credit of a concession that failed', () => {
    const before = returnIn('AUTHORIZED', { concessions: [concession('cn-a', 1000, 'SUBMITTED')] });

    const next = apply(before, { type: 'CONCESSION_STATUS', concessionId: 'cn-a', status: 'FAILED' });

    expect(committedCredits(next)).toEqual(usd(0));
  });

  it('refuses a concession the return does not have, and changes nothing', () => {
    const error = refused(
      returnIn('COMPLETED', { concessions: two }),
      { type: 'CONCESSION_STATUS', concessionId: 'cn-unknown', status: 'COMPLETED' },
      IllegalTransitionError,
    );
    expect(error).toMatchObject({ from: 'COMPLETED', command: 'CONCESSION_STATUS' });
  });

  it('refuses any concession on a return without concessions', () => {
    refused(
      returnIn('REFUNDED'),
      { type: 'CONCESSION_STATUS', concessionId: 'cn-a', status: 'COMPLETED' },
      IllegalTransitionError,
    );
  });

  it('is refused on a CANCELLED return, where ADD_CONCESSION is too', () => {
    const ret = returnIn('CANCELLED', { concessions: two });
    refused(
      ret,
      { type: 'CONCESSION_STATUS', concessionId: 'cn-a', status: 'COMPLETED' },
      IllegalTransitionError,
    );
    refused(
      ret,
      { type: 'ADD_CONCESSION', concession: concession('cn-c', 1, 'SUBMITTED') },
      IllegalTransitionError,
    );
  });

  // A FAILED concession no longer counts against what may be credited, so its credit can be given again;
  // if the provider then reports the FAILED one as paid after all, the revival must fit under the cap.
  it('never takes credits above what was paid when a FAILED concession is reported paid', () => {
    let ret = returnIn('AUTHORIZED');
    const paid = totalPaid(ret).amount;
    ret = apply(ret, { type: 'ADD_CONCESSION', concession: concession('cn-a', paid, 'SUBMITTED') });
    ret = apply(ret, { type: 'CONCESSION_STATUS', concessionId: 'cn-a', status: 'FAILED' });
    ret = apply(ret, { type: 'ADD_CONCESSION', concession: concession('cn-b', paid, 'SUBMITTED') });

    refused(ret, { type: 'CONCESSION_STATUS', concessionId: 'cn-a', status: 'COMPLETED' }, ValidationError);
  });
});

describe('RECORD_INSPECTION grades only SKUs of the return', () => {
  const twoLines = {
    items: [
      { sku: 'SKU-1', category: 'toys', quantity: 1, unitPrice: usd(1000) },
      { sku: 'SKU-2', category: 'toys', quantity: 1, unitPrice: usd(500) },
    ],
  };

  it('records an inspection of the return’s own SKUs', () => {
    const next = apply(returnIn('DELIVERED', twoLines), {
      type: 'RECORD_INSPECTION',
      inspection: {
        lines: [
          { sku: 'SKU-2', grade: 'USED' },
          { sku: 'SKU-1', grade: 'AS_NEW' },
        ],
        disposition: 'RESTOCK',
      },
    });

    expect(next.status).toBe('INSPECTED');
    expect(next.inspection?.lines).toHaveLength(2);
  });

  it('refuses a foreign SKU with a ValidationError naming the line, and changes nothing', () => {
    const error = refused(
      returnIn('DELIVERED', twoLines),
      {
        type: 'RECORD_INSPECTION',
        inspection: {
          lines: [
            { sku: 'SKU-1', grade: 'AS_NEW' },
            { sku: 'SKU-9', grade: 'AS_NEW' },
          ],
          disposition: 'RESTOCK',
        },
      },
      ValidationError,
    );

    expect(error.issues).toEqual([{ field: 'lines/1/sku', rule: expect.stringContaining('SKU-1') }]);
    expect(error.issues[0]?.rule).toContain('SKU-2');
  });

  it('names every foreign line, and only those', () => {
    const error = refused(
      returnIn('DELIVERED', twoLines),
      {
        type: 'RECORD_INSPECTION',
        inspection: {
          lines: [
            { sku: 'sku-1', grade: 'AS_NEW' },
            { sku: 'SKU-2', grade: 'USED' },
            { sku: 'SKU-3', grade: 'DAMAGED' },
          ],
          disposition: 'RESTOCK',
        },
      },
      ValidationError,
    );

    expect(error.issues.map((issue) => issue.field)).toEqual(['lines/0/sku', 'lines/2/sku']);
  });

  it('refuses an inspection that leaves a SKU of the return ungraded, naming what is missing', () => {
    const error = refused(
      returnIn('DELIVERED', twoLines),
      {
        type: 'RECORD_INSPECTION',
        inspection: { lines: [{ sku: 'SKU-1', grade: 'AS_NEW' }], disposition: 'RESTOCK' },
      },
      ValidationError,
    );
    expect(error.issues).toEqual([{ field: 'lines', rule: expect.stringContaining('missing: SKU-2') }]);
  });

  it('refuses a SKU graded twice', () => {
    const error = refused(
      returnIn('DELIVERED', twoLines),
      {
        type: 'RECORD_INSPECTION',
        inspection: {
          lines: [
            { sku: 'SKU-1', grade: 'AS_NEW' },
            { sku: 'SKU-2', grade: 'USED' },
            { sku: 'SKU-1', grade: 'DAMAGED' },
          ],
          disposition: 'RESTOCK',
        },
      },
      ValidationError,
    );
    expect(error.issues).toEqual([{ field: 'lines/2/sku', rule: 'must not grade a SKU twice' }]);
  });

  it('checks the status first: a foreign SKU on a return that is not DELIVERED is an illegal transition', () => {
    refused(
      returnIn('IN_TRANSIT', twoLines),
      {
        type: 'RECORD_INSPECTION',
        inspection: { lines: [{ sku: 'SKU-9', grade: 'AS_NEW' }], disposition: 'RESTOCK' },
      },
      IllegalTransitionError,
    );
  });
});
