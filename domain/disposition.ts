import type { Disposition, Grade } from './inspection.js';
import type { DispositionAdjustment, Return } from './return.js';

/**
 * What happens to each returned line, by its inspection grade and the seller's chosen disposition.
 * The seller's choice stands unless the grade rules it out:
 * - RESTOCK needs an item fit to sell as new (AS_NEW, OPENED); a USED item is resold as renewed, a
 *   DAMAGED or incomplete one liquidated;
 * - nothing of ours came back for NOT_RECEIVED or WRONG_ITEM, so the line moves no stock: it is recorded
 *   with quantity 0 (the seller still sees why);
 * - a returnless refund leaves every line with the buyer (BUYER_KEEPS).
 */
const SELLABLE_AS_NEW: ReadonlySet<Grade> = new Set(['AS_NEW', 'OPENED']);
const NOTHING_BACK: ReadonlySet<Grade> = new Set(['NOT_RECEIVED', 'WRONG_ITEM']);

const dispositionFor = (grade: Grade, chosen: Disposition): { disposition: Disposition; note?: string } => {
  if (chosen !== 'RESTOCK' || SELLABLE_AS_NEW.has(grade) || NOTHING_BACK.has(grade)) {
    return { disposition: chosen };
  }
  const disposition = grade === 'USED' ? 'RESELL_AS_RENEWED' : 'LIQUIDATE';
  return { disposition, note: `a ${grade} item cannot be restocked as new` };
};

/** The inventory adjustments a finished return produces, one per returned line. */
export const inventoryAdjustments = (ret: Return, at: Date): DispositionAdjustment[] => {
  const stamp = at.toISOString();
  if (ret.returnless || !ret.inspection) {
    return ret.items.map((item) => ({
      sku: item.sku,
      quantity: item.quantity,
      disposition: 'BUYER_KEEPS',
      at: stamp,
    }));
  }
  const { lines, disposition: chosen } = ret.inspection;
  const gradeOf = new Map(lines.map((line) => [line.sku, line.grade]));
  return ret.items.map((item) => {
    // The calculator refuses an inspection that leaves a line ungraded, so every line has a grade here.
    const grade = gradeOf.get(item.sku) ?? 'NOT_RECEIVED';
    const decided = dispositionFor(grade, chosen);
    const nothingBack = NOTHING_BACK.has(grade);
    return {
      sku: item.sku,
      quantity: nothingBack ? 0 : item.quantity,
      disposition: decided.disposition,
      grade,
      ...(nothingBack ? { note: `${grade}: no stock moves` } : decided.note ? { note: decided.note } : {}),
      at: stamp,
    };
  });
};
