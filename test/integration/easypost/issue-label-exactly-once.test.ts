import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Return } from '../../../domain/return.js';
import { EasyPostCarrier } from '../../../functions/adapters/easypost/easypost-carrier.js';
import { issueLabel } from '../../../functions/use-cases/issue-label.js';
import {
  startEasyPostStandIn,
  type EasyPostStandIn,
} from '../../../infra/local/stand-ins/easypost/easypost-stand-in.js';
import { storeUsPolicy } from '../../support/in-memory/pipeline-fixtures.js';
import { inMemoryWorld, TEST_SELLER } from '../../support/in-memory/world.js';
import { makeReturn } from '../../support/return-factory.js';
import { BUYER_ADDRESS } from '../../support/requests.js';

/**
 * IssueLabel with EasyPost (the real SDK against the stand-in), when things go wrong between the
 * purchase and our write: the stand-in's own ledger counts the purchases.
 */
let standIn: EasyPostStandIn;
const controlFile = join(tmpdir(), `easypost-control-${randomUUID()}.json`);
beforeAll(async () => {
  standIn = await startEasyPostStandIn({ controlFile });
});
afterAll(async () => {
  await standIn.stop();
  await rm(controlFile, { force: true });
});

const { sellerId } = TEST_SELLER;
const WINDOW = 14 * 86_400;

const setUp = async () => {
  const ret = makeReturn({ sellerId, status: 'AUTHORIZED' });
  const withAddress: Return = { ...ret, buyer: { ...ret.buyer, address: BUYER_ADDRESS } };
  const world = inMemoryWorld([withAddress]);
  await storeUsPolicy(world);
  const carrier = new EasyPostCarrier({
    apiKey: `EZTK${randomUUID().replace(/-/g, '')}`,
    apiBase: standIn.apiBase,
  });
  world.labels = { forSeller: async () => carrier };
  return { ret: withAddress, world };
};

const purchasesOf = (returnId: string) => standIn.ledger().purchases.filter((p) => p.reference === returnId);

describe('IssueLabel buys one EasyPost label per return', () => {
  it("reads the seller's policy once for the shipment and the purchase", async () => {
    const { ret, world } = await setUp();
    const policies = world.policies;
    let reads = 0;
    world.policies = Object.assign(Object.create(policies) as typeof policies, {
      get: (...args: Parameters<typeof policies.get>) => {
        reads += 1;
        return policies.get(...args);
      },
    });
    await issueLabel(world, sellerId, ret.id, 'token-1', WINDOW);
    expect(
      world.returns
        .latest(ret)
        .timeline.map((e) => e.type)
        .slice(-2),
    ).toEqual(['ORDER_LABEL', 'ISSUE_LABEL']);
    expect(reads).toBe(1);
  });

  it('records the shipment before buying it, then the label', async () => {
    const { ret, world } = await setUp();
    await issueLabel(world, sellerId, ret.id, 'token-1', WINDOW);
    const stored = world.returns.latest(ret);
    expect(stored.timeline.map((e) => e.type).slice(-2)).toEqual(['ORDER_LABEL', 'ISSUE_LABEL']);
    expect(stored.label).toMatchObject({
      provider: 'easypost',
      shipmentId: stored.labelOrder?.shipmentId,
      carrier: 'ups',
    });
    expect(purchasesOf(ret.id)).toHaveLength(1);
  });

  it('a retry after a 500 that followed the purchase, and after a crash before our write, buys nothing more', async () => {
    const { ret, world } = await setUp();
    await writeFile(controlFile, JSON.stringify({ failAfterBuy: 1 }));
    // The step dies after EasyPost sold the label, before the label is written (a crash, a lost write).
    const update = world.returns.update.bind(world.returns);
    let crashes = 1;
    world.returns.update = async (next: Return) => {
      if (next.label && crashes-- > 0) throw new Error('the function timed out');
      return update(next);
    };
    await expect(issueLabel(world, sellerId, ret.id, 'token-1', WINDOW)).rejects.toThrow('timed out');
    expect(world.returns.latest(ret).label).toBeUndefined();
    expect(purchasesOf(ret.id)).toHaveLength(1);

    await issueLabel(world, sellerId, ret.id, 'token-2', WINDOW);
    const stored = world.returns.latest(ret);
    expect(stored.status).toBe('LABEL_ISSUED');
    expect(purchasesOf(ret.id)).toHaveLength(1);
    const shipment = standIn.ledger().shipments.find((s) => s.id === stored.label?.shipmentId);
    expect(stored.label?.trackingNumber).toBe(shipment?.tracking_code);
    // One shipment created for the return: the retry bought the recorded one, it made none of its own.
    expect(standIn.ledger().shipments.filter((s) => s.reference === ret.id)).toHaveLength(1);
  });
});
