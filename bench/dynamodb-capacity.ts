import { isDeepStrictEqual } from 'node:util';
import { itemSize, type Item } from './dynamodb-item-size.js';

/** What sizing needs of a table: its key and, per GSI, its key and projection (from DescribeTable). */
export interface TableShape {
  keys: string[];
  indexes: IndexShape[];
}

export interface IndexShape {
  name: string;
  keys: string[];
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  nonKeyAttributes: string[];
}

const WRITE_UNIT = 1024;
const READ_UNIT = 4096;

const units = (bytes: number, unit: number): number => Math.max(1, Math.ceil(bytes / unit));

const inIndex = (index: IndexShape, item: Item | undefined): item is Item =>
  item !== undefined && index.keys.every((key) => key in item);

/** The index entry of an item: the index's and the table's keys, and the projected attributes. */
export const projected = (table: TableShape, index: IndexShape, item: Item): Item => {
  if (index.projection === 'ALL') return item;
  const names = new Set([...index.keys, ...table.keys, ...index.nonKeyAttributes]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
};

/**
 * WRU one index is charged for a write that turns `before` into `after` (either absent): a put or a
 * delete of the entry, one of each when the item moves to another index key, one write when a
 * projected attribute changes in place, nothing when the entry stays the same.
 */
const indexWriteUnits = (table: TableShape, index: IndexShape, before?: Item, after?: Item): number => {
  const was = inIndex(index, before) ? projected(table, index, before) : undefined;
  const is = inIndex(index, after) ? projected(table, index, after) : undefined;
  if (!was && !is) return 0;
  if (!was || !is) return units(itemSize((was ?? is)!), WRITE_UNIT);
  const moved = index.keys.some((key) => !isDeepStrictEqual(was[key], is[key]));
  if (moved) return units(itemSize(was), WRITE_UNIT) + units(itemSize(is), WRITE_UNIT);
  if (isDeepStrictEqual(was, is)) return 0;
  return units(Math.max(itemSize(was), itemSize(is)), WRITE_UNIT);
};

export interface WriteUnits {
  table: number;
  /** By index name; indexes the write does not touch are absent. */
  indexes: Record<string, number>;
}

/**
 * WRU of a write that succeeded: the larger of the item before and after it, per started KB, on the
 * table, plus each index's share.
 */
export const writeUnits = (table: TableShape, before?: Item, after?: Item): WriteUnits => {
  const indexes: Record<string, number> = {};
  for (const index of table.indexes) {
    const wru = indexWriteUnits(table, index, before, after);
    if (wru > 0) indexes[index.name] = wru;
  }
  const bytes = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
  return { table: units(bytes, WRITE_UNIT), indexes };
};

/** A conditional write that was refused still costs the item's size on the table, and no index. */
export const refusedWriteUnits = (existing?: Item): WriteUnits => ({
  table: units(existing ? itemSize(existing) : 0, WRITE_UNIT),
  indexes: {},
});

/**
 * RRU of one read of `items` (a GetItem of one item, or none; a Query or Scan page of all it read):
 * their total size per started 4 KB, at least one unit, halved when eventually consistent.
 */
export const readUnits = (items: Item[], consistent: boolean): number =>
  units(
    items.reduce((sum, item) => sum + itemSize(item), 0),
    READ_UNIT,
  ) * (consistent ? 1 : 0.5);
