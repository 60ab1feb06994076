import { describe, expect, it } from 'vitest';
import { inventoryAdjustments } from '../../domain/disposition.js';
import { DISPOSITIONS, type Disposition, type Grade } from '../../domain/inspection.js';
import type { Return } from '../../domain/return.js';
import type { ReturnLine } from '../../domain/return-request.js';
import { makeReturn } from '../support/return-factory.js';

const AT = new Date('2026-11-20T12:00:00.000Z');
const SELLER = 'seller-disposition';
const usd = (amount: number) => ({ amount, currency: 'USD' as const });

const line = (sku: string, quantity: number): ReturnLine => ({
  sku,
  category: 'toys',
  quantity,
  unitPrice: usd(1000),
});

/** A refunded return with one line of `quantity` graded `grade`, the seller having chosen `chosen`. */
const refunded = (grade: Grade, chosen: Disposition, quantity = 3): Return =>
  makeReturn({
    sellerId: SELLER,
    status: 'REFUNDED',
    items: [line('SKU-1', quantity)],
    inspection: { lines: [{ sku: 'SKU-1', grade }], disposition: chosen },
  });

const only = (ret: Return) => {
  const adjustments = inventoryAdjustments(ret, AT);
  expect(adjustments).toHaveLength(1);
  return adjustments[0];
};

describe('inventoryAdjustments', () => {
  it.each(['AS_NEW', 'OPENED'] as const)('restocks a %s item as the seller chose, all of it', (grade) => {
    expect(only(refunded(grade, 'RESTOCK', 3))).toEqual({
      sku: 'SKU-1',
      quantity: 3,
      disposition: 'RESTOCK',
      grade,
      at: AT.toISOString(),
    });
  });

  it('resells a USED item as renewed instead of restocking it, and says why', () => {
    const adjustment = only(refunded('USED', 'RESTOCK', 2));

    expect(adjustment).toMatchObject({
      sku: 'SKU-1',
      quantity: 2,
      disposition: 'RESELL_AS_RENEWED',
      grade: 'USED',
    });
    expect(adjustment?.note).toEqual(expect.stringContaining('USED'));
  });

  it.each(['DAMAGED', 'MISSING_PARTS'] as const)('liquidates a %s item instead of restocking it', (grade) => {
    const adjustment = only(refunded(grade, 'RESTOCK', 2));

    expect(adjustment).toMatchObject({ quantity: 2, disposition: 'LIQUIDATE', grade });
    expect(adjustment?.note).toEqual(expect.stringContaining(grade));
  });

  it.each(['NOT_RECEIVED', 'WRONG_ITEM'] as const)(
    'moves no stock for a %s line: quantity 0, with the reason in the note',
    (grade) => {
      for (const chosen of DISPOSITIONS) {
        const adjustment = only(refunded(grade, chosen, 4));
        expect(adjustment).toMatchObject({ sku: 'SKU-1', quantity: 0, grade });
        expect(adjustment?.note).toEqual(expect.stringContaining(grade));
      }
    },
  );

  it("keeps the seller's choice whenever it is not RESTOCK, whatever the grade", () => {
    const grades: Grade[] = ['AS_NEW', 'OPENED', 'USED', 'DAMAGED', 'MISSING_PARTS'];
    for (const chosen of DISPOSITIONS.filter((d) => d !== 'RESTOCK')) {
      for (const grade of grades) {
        const adjustment = only(refunded(grade, chosen, 2));
        expect(adjustment).toEqual({
          sku: 'SKU-1',
          quantity: 2,
          disposition: chosen,
          grade,
          at: AT.toISOString(),
        });
      }
    }
  });

  it('leaves every line with the buyer on a returnless refund, each with its own quantity', () => {
    const ret = makeReturn({
      sellerId: SELLER,
      status: 'REFUNDED',
      returnless: true,
      items: [line('SKU-1', 1), line('SKU-2', 5)],
    });

    expect(inventoryAdjustments(ret, AT)).toEqual([
      { sku: 'SKU-1', quantity: 1, disposition: 'BUYER_KEEPS', at: AT.toISOString() },
      { sku: 'SKU-2', quantity: 5, disposition: 'BUYER_KEEPS', at: AT.toISOString() },
    ]);
  });

  it('produces one adjustment per returned line, each by its own grade', () => {
    const ret = makeReturn({
      sellerId: SELLER,
      status: 'REFUNDED',
      items: [line('SKU-1', 1), line('SKU-2', 2), line('SKU-3', 3)],
      inspection: {
        lines: [
          { sku: 'SKU-1', grade: 'AS_NEW' },
          { sku: 'SKU-2', grade: 'USED' },
          { sku: 'SKU-3', grade: 'NOT_RECEIVED' },
        ],
        disposition: 'RESTOCK',
      },
    });

    expect(
      inventoryAdjustments(ret, AT).map(({ sku, quantity, disposition }) => ({ sku, quantity, disposition })),
    ).toEqual([
      { sku: 'SKU-1', quantity: 1, disposition: 'RESTOCK' },
      { sku: 'SKU-2', quantity: 2, disposition: 'RESELL_AS_RENEWED' },
      { sku: 'SKU-3', quantity: 0, disposition: 'RESTOCK' },
    ]);
  });

  it('leaves the return untouched', () => {
    const ret = refunded('USED', 'RESTOCK');
    const before = structuredClone(ret);

    inventoryAdjustments(ret, AT);

    expect(ret).toEqual(before);
  });
});
