import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import type { Return } from '../../domain/return.js';
import { computeRefund } from '../../functions/use-cases/compute-refund.js';
import { issueRefund } from '../../functions/use-cases/issue-refund.js';
import { refundInstead, refundInsteadRunName } from '../../functions/use-cases/refund-instead.js';
import { shipReplacement } from '../../functions/use-cases/ship-replacement.js';
import { dispatchAll } from '../support/in-memory/dispatch.js';
import { storeUsPolicy } from '../support/in-memory/pipeline-fixtures.js';
import { inMemoryWorld, TEST_SELLER, type InMemoryWorld } from '../support/in-memory/world.js';
import { makeReturn } from '../support/return-factory.js';
import { runStart } from '../../functions/pipeline/pipeline-contract.js';

const { sellerId } = TEST_SELLER;
const PARCEL = { trackingNumber: '1ZREPLACE0001', carrier: 'ups' };

/** An inspected, defective return the inspection resolved by REPLACE. */
const inspectedForReplacement = (): Return => {
  const ret = makeReturn({ sellerId, status: 'INSPECTED' });
  return { ...ret, inspection: { ...ret.inspection!, resolution: 'REPLACE' } };
};

/** ComputeRefund has run on it: the replacement requested, the run gone on to IssueRefund. */
const pendingReplacement = async (): Promise<{ world: InMemoryWorld; ret: Return }> => {
  const inspected = inspectedForReplacement();
  const world = inMemoryWorld([inspected]);
  await storeUsPolicy(world, { highValueApprovalThreshold: { amount: 1000, currency: 'USD' } });
  await computeRefund(world, sellerId, inspected.id, 'compute-token');
  return { world, ret: world.returns.latest(inspected) };
};

const buyerMails = (world: InMemoryWorld, ret: Return) =>
  world.mailer.sent.filter((m) => m.to === ret.buyer.email);

describe('computeRefund, for a return resolved by REPLACE', () => {
  it('requests the replacement instead of a refund, reserves its goods, mails the buyer once and goes on', async () => {
    const { world, ret } = await pendingReplacement();
    await computeRefund(world, sellerId, ret.id, 'compute-token-again');

    expect(ret.status).toBe('REPLACEMENT_PENDING');
    expect(ret.refund).toBeUndefined();
    expect(ret.replacement).toEqual({
      status: 'REQUESTED',
      items: [{ sku: 'SKU-1', quantity: 1 }],
      requestedAt: world.clock.now().toISOString(),
    });
    expect(ret.inventoryAdjustments).toEqual([
      { sku: 'SKU-1', quantity: 1, reservation: 'RESERVED', at: world.clock.now().toISOString() },
    ]);
    expect(ret.timeline.at(-1)).toMatchObject({
      type: 'REQUEST_REPLACEMENT',
      from: 'INSPECTED',
      to: 'REPLACEMENT_PENDING',
    });
    expect(world.returns.latest(ret).version).toBe(ret.version);
    await dispatchAll(world);
    expect(buyerMails(world, ret).map((m) => m.subject)).toEqual([
      `A replacement is on its way for your return ${ret.rma}`,
    ]);
    expect(world.pipeline.resumed).toEqual([
      { taskToken: 'compute-token', output: { resolution: 'REPLACE' } },
      { taskToken: 'compute-token-again', output: { resolution: 'REPLACE' } },
    ]);
  });

  it('lets IssueRefund end the run with nothing paid', async () => {
    const { world, ret } = await pendingReplacement();

    await issueRefund(world, sellerId, ret.id, 'refund-token');

    expect(world.payments.payments).toEqual([]);
    expect(world.returns.latest(ret)).toEqual(ret);
    expect(world.pipeline.resumed.at(-1)).toEqual({
      taskToken: 'refund-token',
      output: { resolution: 'REPLACE' },
    });
  });
});

describe('shipReplacement', () => {
  it('completes the return with the shipment, ships the reservation, disposes of what came back; twice is once', async () => {
    const { world, ret } = await pendingReplacement();

    const first = await shipReplacement(world, sellerId, ret.id, PARCEL);
    const second = await shipReplacement(world, sellerId, ret.id, PARCEL);

    expect(second).toEqual(first);
    expect(first).toMatchObject({
      status: 'COMPLETED',
      replacement: { status: 'SHIPPED', shipment: { ...PARCEL, shippedAt: world.clock.now().toISOString() } },
    });
    expect(
      first.inventoryAdjustments.map((a) => ('reservation' in a ? a.reservation : a.disposition)),
    ).toEqual(['RESERVED', 'SHIPPED', 'RESTOCK']);
    await dispatchAll(world);
    const shipped = buyerMails(world, ret).filter((m) => m.subject.includes('has shipped'));
    expect(shipped).toHaveLength(1);
    expect(shipped[0]!.text).toContain('1ZREPLACE0001');
    expect(shipped[0]!.text).toContain('UPS');
  });

  it('refuses another parcel once shipped, and a return with no replacement pending (409)', async () => {
    const { world, ret } = await pendingReplacement();
    await shipReplacement(world, sellerId, ret.id, PARCEL);
    const refunding = makeReturn({ sellerId, status: 'REFUND_IN_PROGRESS' });
    await world.returns.create(refunding);

    await expect(
      shipReplacement(world, sellerId, ret.id, { ...PARCEL, trackingNumber: '1ZOTHER0002' }),
    ).rejects.toThrow(IllegalTransitionError);
    await expect(shipReplacement(world, sellerId, refunding.id, PARCEL)).rejects.toThrow(
      IllegalTransitionError,
    );
    expect(world.returns.latest(refunding)).toEqual(refunding);
  });
});

describe('refundInstead', () => {
  it('releases the reservation, records the refund it is owed and starts one run at IssueRefund; again is once', async () => {
    const { world, ret } = await pendingReplacement();

    const first = await refundInstead(world, sellerId, ret.id, { reason: 'out of stock' }, 'req-1');
    const second = await refundInstead(world, sellerId, ret.id, {}, 'req-2');

    expect(second).toEqual(first);
    expect(first).toMatchObject({
      status: 'REFUND_IN_PROGRESS',
      refund: {
        refundId: `${ret.id}-refund`,
        amount: { amount: 2807, currency: 'USD' },
        status: 'SUBMITTED',
        // Above the policy's 10.00 threshold, yet no approval: the seller asked for it.
        requiresApproval: false,
      },
      replacement: { status: 'REFUNDED_INSTEAD', refundedInstead: { reason: 'out of stock' } },
    });
    expect(first.inventoryAdjustments.map((a) => 'reservation' in a && a.reservation)).toEqual([
      'RESERVED',
      'RELEASED',
    ]);
    expect(first.timeline.filter((e) => e.type === 'REFUND_INSTEAD')).toHaveLength(1);
    expect(world.pipeline.runs).toEqual([
      {
        name: refundInsteadRunName(ret),
        input: { sellerId, returnId: ret.id, correlationId: 'req-1', ...runStart('IssueRefund') },
      },
    ]);
  });

  it('pays once through the refund path, and disposes of what came back', async () => {
    const { world, ret } = await pendingReplacement();
    await refundInstead(world, sellerId, ret.id, {}, 'req-1');

    await issueRefund(world, sellerId, ret.id, 'refund-token');
    await issueRefund(world, sellerId, ret.id, 'refund-token-retried');

    expect(world.payments.payments.map((p) => [p.idempotencyKey, p.amount.amount])).toEqual([
      [`${ret.id}-refund`, 2807],
    ]);
    const done = world.returns.latest(ret);
    expect(done.status).toBe('COMPLETED');
    expect(
      done.inventoryAdjustments.map((a) => ('reservation' in a ? a.reservation : a.disposition)),
    ).toEqual(['RESERVED', 'RELEASED', 'RESTOCK']);
  });

  it('refuses a shipped replacement and a return resolved by a refund, writing nothing (409)', async () => {
    const { world, ret } = await pendingReplacement();
    await shipReplacement(world, sellerId, ret.id, PARCEL);
    const shipped = world.returns.latest(ret);
    const refunding = makeReturn({ sellerId, status: 'INSPECTED' });
    await world.returns.create(refunding);

    await expect(refundInstead(world, sellerId, ret.id, {}, 'req-1')).rejects.toThrow(IllegalTransitionError);
    await expect(refundInstead(world, sellerId, refunding.id, {}, 'req-1')).rejects.toThrow(
      IllegalTransitionError,
    );
    expect(world.returns.latest(ret)).toEqual(shipped);
    expect(world.returns.latest(refunding)).toEqual(refunding);
    expect(world.pipeline.runs).toEqual([]);
  });
});
