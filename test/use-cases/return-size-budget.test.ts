import { describe, expect, it } from 'vitest';
import type { TrackingEvent } from '../../domain/carriers/tracking-event.js';
import { withEvents } from '../../domain/events/derive-events.js';
import { transition, type LifecycleCommand } from '../../domain/lifecycle.js';
import { defaultPolicy } from '../../domain/policy.js';
import { decideRefund } from '../../domain/refund-decision.js';
import { inventoryAdjustments } from '../../domain/disposition.js';
import { CreateReturnSchema, type CreateReturnRequest } from '../../domain/return-request.js';
import type { Return } from '../../domain/return.js';
import { recordTrackingEvent } from '../../functions/use-cases/record-tracking-event.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';
import { inMemoryWorld, TEST_SELLER } from '../support/in-memory/world.js';
import { makeReturn, TEST_RETURN_ADDRESS } from '../support/return-factory.js';

const { sellerId } = TEST_SELLER;

/** 100 lines with long CJK titles: about 80 KB as stored, a large but valid create. */
const largeRequest = (): CreateReturnRequest =>
  CreateReturnSchema.parse({
    orderId: '113-1234567-1234567',
    marketplace: 'US',
    buyer: { email: 'buyer@example.com', locale: 'zh-CN', country: 'US', name: '顾客'.repeat(50) },
    deliveredAt: '2026-11-01T10:00:00Z',
    items: Array.from({ length: 100 }, (_, i) => ({
      sku: `SKU-${String(i).padStart(60, '0')}`,
      category: 'electronics',
      title: '耐用的户外电子产品'.repeat(22),
      quantity: 1,
      unitPrice: { amount: 2599, currency: 'USD' },
      tax: { amount: 208, currency: 'USD' },
    })),
    reason: 'DEFECTIVE',
    comment: '屏幕闪烁'.repeat(100),
  });

const event = (ret: Return, status: TrackingEvent['status'], i: number): TrackingEvent => ({
  carrier: 'generic',
  eventId: `evt-${i}`,
  trackingNumber: ret.trackingNumber!,
  status,
  occurredAt: new Date(Date.UTC(2026, 10, 5) + i * 1000).toISOString(),
});

describe('the size budget of a return', () => {
  it('takes 10,000 carrier events on a large return, and the rest of its lifecycle still fits', async () => {
    const ret = makeReturn({
      sellerId,
      status: 'LABEL_ISSUED',
      pipeline: { taskToken: 'carrier-token' },
      ...largeRequest(),
    });
    const world = inMemoryWorld([ret]);

    for (let i = 0; i < 10_000; i++) {
      const result = await recordTrackingEvent(world, event(ret, 'IN_TRANSIT', i));
      expect(result.outcome).toBe('accepted');
    }
    const delivered = await recordTrackingEvent(world, event(ret, 'DELIVERED', 10_000));
    expect(delivered).toMatchObject({ outcome: 'accepted', resumed: true, ret: { status: 'DELIVERED' } });

    // The rest of the lifecycle, each step written with its events, as decideOnLatest does, through the
    // repository (which refuses an item over 400 KB), and dispatched, as the stack does after each write.
    const apply = async (command: LifecycleCommand) => {
      const current = world.returns.latest(ret);
      const next = withEvents(
        current,
        transition(current, command, { now: world.clock.now(), actor: { kind: 'system' } }),
      );
      await world.returns.update(next);
      await dispatchAll(world);
      return next;
    };
    await apply({ type: 'AWAIT_INSPECTION', taskToken: 'i'.repeat(2048) });
    const notes = '划痕'.repeat(1000);
    await apply({
      type: 'RECORD_INSPECTION',
      inspection: {
        lines: world.returns.latest(ret).items.map(({ sku }) => ({ sku, grade: 'USED' as const })),
        disposition: 'RESTOCK',
        notes,
        inspector: '检查员'.repeat(66),
      },
    });
    const policy = defaultPolicy('US', TEST_RETURN_ADDRESS);
    const refund = decideRefund(world.returns.latest(ret), policy, world.clock.now());
    await apply({ type: 'COMPUTE_REFUND', refund: { ...refund, requiresApproval: false } });
    await apply({ type: 'ISSUE_REFUND', status: 'COMPLETED', providerRef: 'pay_refund' });
    const done = await apply({
      type: 'APPLY_DISPOSITION',
      adjustments: inventoryAdjustments(world.returns.latest(ret), world.clock.now()),
    });
    expect(done.status).toBe('COMPLETED');
    expect(world.returns.latest(ret)).toMatchObject({ status: 'COMPLETED', outbox: { pending: [] } });
  }, 180_000);
});
