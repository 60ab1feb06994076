import { hasSeenTrackingEvent } from '../../domain/carriers/tracking-event.js';
import { inventoryAdjustments } from '../../domain/disposition.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { openReturn } from '../../domain/open-return.js';
import { defaultPolicy } from '../../domain/policy.js';
import { counterChanges, type CounterChange } from '../../domain/return-analytics.js';
import { computeRefund } from '../../domain/refund-calculator.js';
import { withEvents } from '../../domain/events/derive-events.js';
import { CreateReturnSchema } from '../../domain/return-request.js';
import type { Actor, Return } from '../../domain/return.js';
import { createBody } from '../../test/support/requests.js';
import { TEST_RETURN_ADDRESS } from '../../test/support/return-factory.js';

/**
 * One happy-path return, built with the domain's own functions, and every DynamoDB operation its
 * lifecycle makes, so the key-heat model prices real stored items. The operations follow the handlers:
 * each change reads the return (consistently) and writes it back, with its events in the outbox
 * (withEvents), in one conditional Put, then adds to the analytics counters the write changes (as
 * ReturnRepository does); the dispatcher then hands those events on and drains them before the next
 * change (the common case: a pass follows each write within a second); each seller request runs the
 * authorizer; each keyed POST writes an idempotency record and then completes it.
 */

/** One DynamoDB operation of the lifecycle, on a kind of item; the model maps kinds to keys per design. */
export type LifecycleOp =
  | { op: 'writeReturn'; before: Return | undefined; after: Return }
  /** The analytics counters a write adds to (return-counters.ts), one UpdateItem per change. */
  | { op: 'addCounters'; ret: Return; changes: CounterChange[] }
  | { op: 'getReturn'; ret: Return }
  | { op: 'findByTracking'; ret: Return }
  | { op: 'listByStatus'; status: Return['status'] }
  | { op: 'authorizeRequest' }
  | { op: 'getPolicy' }
  | { op: 'idempotentPost'; route: string; responseBytes: number }
  | { op: 'notify'; name: string }
  /** One dispatcher pass over `before`'s pending events, ending in the drain that stores `after`. */
  | { op: 'dispatch'; before: Return; after: Return };

export interface Lifecycle {
  /** The return as stored after each write, oldest first. */
  versions: Return[];
  ops: LifecycleOp[];
  /** Carrier webhook calls in the lifecycle (the load model scales them to the carrier event rate). */
  carrierEvents: number;
}

const ADDRESS = TEST_RETURN_ADDRESS;

/** The tests' create body (docs/design.md §8.3) with a second line, delivered on a fixed day: a small order. */
const REQUEST = (() => {
  const body = createBody({ deliveredAt: '2026-11-01T10:00:00Z' });
  return CreateReturnSchema.parse({
    ...body,
    items: [...body.items, { ...body.items[0]!, sku: 'SKU-2', quantity: 2 }],
  });
})();

/** The default policy, but the seller authorizes by hand (the happy path includes its POST). */
export const POLICY = { ...defaultPolicy('US', ADDRESS), autoAuthorize: false };
const SELLER_ACTOR: Actor = { kind: 'seller', id: 'seller' };
const SYSTEM: Actor = { kind: 'system' };
/** A Step Functions task token is about 700 characters. */
const TASK_TOKEN = 'A'.repeat(700);
/** The JSON of a 201/200 answer that Powertools stores with the completed idempotency record. */
const RESPONSE_BYTES = 1_500;

/** The happy path of one return of `sellerId`, with id `id` (a ULID), opened at `openedAt`. */
export const happyPathLifecycle = (sellerId: string, id: string, openedAt: Date): Lifecycle => {
  const ops: LifecycleOp[] = [];
  const versions: Return[] = [];
  let clock = openedAt.getTime();
  const now = () => new Date((clock += 60_000));
  let current = openReturn({
    id,
    rma: `RMA-${id.slice(10, 15)}-${id.slice(15, 20)}`,
    sellerId,
    // One return per order, as most are: the order id follows the return's.
    request: { ...REQUEST, orderId: `113-${id.slice(-14, -7)}-${id.slice(-7)}` },
    policy: POLICY,
    now: openedAt,
  });
  const sellerRequest = (route?: string) => {
    ops.push({ op: 'authorizeRequest' });
    if (route) ops.push({ op: 'idempotentPost', route, responseBytes: RESPONSE_BYTES });
  };
  const write = (change: Return) => {
    const before = versions.at(-1);
    const after = withEvents(before, change);
    ops.push({ op: 'writeReturn', before, after });
    const changes = counterChanges(after, versions.length === 0);
    if (changes.length) ops.push({ op: 'addCounters', ret: after, changes });
    versions.push(after);
    current = after;
    if (after.outbox?.pending.length) dispatch(after);
  };
  const dispatch = (before: Return) => {
    const outbox = before.outbox!;
    const after = { ...before, outbox: { ...outbox, pending: [], drains: outbox.drains + 1 } };
    ops.push({ op: 'dispatch', before, after });
    versions.push(after);
    current = after;
  };
  const apply = (command: LifecycleCommand, actor: Actor = SYSTEM) => {
    ops.push({ op: 'getReturn', ret: current });
    write(transition(current, command, { now: now(), actor }));
  };
  const sellerGet = () => {
    sellerRequest();
    ops.push({ op: 'getReturn', ret: current });
  };
  let carrierEvents = 0;
  const carrierEvent = (status: 'IN_TRANSIT' | 'OUT_FOR_DELIVERY' | 'DELIVERED', eventId: string) => {
    carrierEvents += 1;
    ops.push({ op: 'findByTracking', ret: current });
    if (hasSeenTrackingEvent(current, eventId)) {
      ops.push({ op: 'getReturn', ret: current });
      return;
    }
    apply(
      { type: 'TRACKING_EVENT', status, eventId, occurredAt: now().toISOString() },
      { kind: 'carrier', id: 'generic' },
    );
  };

  // POST /v1/returns: the policy read, then the new return.
  sellerRequest('CreateReturn');
  ops.push({ op: 'getPolicy' });
  write(current);
  ops.push({ op: 'notify', name: 'received' });
  sellerGet();
  // The seller lists what waits for it, and authorizes.
  sellerRequest();
  ops.push({ op: 'listByStatus', status: current.status });
  sellerRequest('AuthorizeReturn');
  apply({ type: 'AUTHORIZE' }, SELLER_ACTOR);
  // The pipeline: label, then the carrier wait.
  const trackingNumber = `1Z${id.slice(-16)}`;
  apply({
    type: 'ISSUE_LABEL',
    label: {
      carrier: 'generic',
      trackingNumber,
      labelUrl: `https://labels.example.com/${trackingNumber}.pdf`,
      shipBy: new Date(clock + 14 * 86_400_000).toISOString(),
      paidBy: 'SELLER',
      returnAddress: ADDRESS,
      cost: { amount: 899, currency: 'USD' },
    },
  });
  ops.push({ op: 'notify', name: 'label' });
  apply({ type: 'ISSUE_LABEL', taskToken: TASK_TOKEN });
  // Five carrier calls: two scans in transit, out for delivery, delivered, and the carrier's resend.
  carrierEvent('IN_TRANSIT', `${id}-1`);
  carrierEvent('IN_TRANSIT', `${id}-2`);
  carrierEvent('OUT_FOR_DELIVERY', `${id}-3`);
  carrierEvent('DELIVERED', `${id}-4`);
  carrierEvent('DELIVERED', `${id}-4`);
  ops.push({ op: 'notify', name: 'delivered' });
  sellerGet();
  apply({ type: 'AWAIT_INSPECTION', taskToken: TASK_TOKEN });
  // POST .../inspection: the seller's request, then the queue consumer records it.
  sellerRequest('SubmitInspection');
  ops.push({ op: 'getReturn', ret: current });
  const inspection = {
    lines: REQUEST.items.map((line) => ({ sku: line.sku, grade: 'AS_NEW' as const })),
    disposition: 'RESTOCK' as const,
    notes: 'Sealed, as sent',
  };
  apply({ type: 'RECORD_INSPECTION', inspection });
  const computed = computeRefund({
    lines: current.items,
    reason: current.reason,
    grades: inspection.lines,
    returnShipping: { cost: { amount: 899, currency: 'USD' }, paidBy: 'SELLER' },
    restockingFees: POLICY.restockingFees,
    alreadyRefunded: { amount: 0, currency: 'USD' },
    currency: 'USD',
  });
  apply({
    type: 'COMPUTE_REFUND',
    refund: {
      refundId: `refund-${id}`,
      status: 'SUBMITTED',
      ...computed,
      requiresApproval: false,
      computedAt: new Date(clock).toISOString(),
    },
  });
  apply({ type: 'ISSUE_REFUND', status: 'IN_PROGRESS', providerRef: 're_3PqXyZ0123456789' });
  apply({ type: 'ISSUE_REFUND', status: 'COMPLETED', providerRef: 're_3PqXyZ0123456789' });
  ops.push({ op: 'notify', name: 'refunded' });
  apply({ type: 'APPLY_DISPOSITION', adjustments: inventoryAdjustments(current, new Date(clock)) });
  sellerGet();
  return { versions, ops, carrierEvents };
};
